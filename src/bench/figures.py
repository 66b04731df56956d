#!/usr/bin/env python3
"""Reproduces stackviz's performance figures: start-up to the first frame, bytes on the wire per
step, key-to-frame latency, and the switch and kill costs from `stackviz bench`.

The app runs in a pseudo-terminal of 80x24 that this script owns, so every byte it writes is seen
and timed here (a terminal emulator like tmux adds its own delay on top). Latency comes from the
app's own cast (--record --record-input): an "i" event is stamped when the loop takes the key, the
next "o" event when that frame is flushed.

With an app image (mvn -Pdist package makes target/dist/stackviz), its first frame is timed against
java -jar's, interleaved in one run.

Usage: python3 src/bench/figures.py [--jar target/stackviz.jar] [--image target/dist/stackviz] [--runs 10]
                                    [--quick] [--json]
       python3 src/bench/figures.py --compare A.jar B.jar [--runs 25]   (first frame of two jars, interleaved)
"""
import argparse
import fcntl
import json
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

KEY_BAR = b"Hquit"  # the key bar's last word, written last (Lanterna moves the cursor between words)


def spawn(argv, columns=80, rows=24, env=None):
    """Starts argv on a new pty of the given size; returns (pid, fd, t0 in ns)."""
    t0 = time.perf_counter_ns()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env or os.environ)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return pid, fd, t0


def read_until(fd, needle, timeout=10.0, seen=b""):
    """Reads from fd until `needle` appears in what was read since `seen` was empty."""
    data = bytearray(seen)
    end = time.monotonic() + timeout
    while needle not in data:
        left = end - time.monotonic()
        if left <= 0:
            raise TimeoutError("no %r after %.1f s; got %r" % (needle, timeout, bytes(data[-300:])))
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return bytes(data)


def drain(fd, quiet=0.15):
    """Reads until nothing has arrived for `quiet` seconds; returns the bytes."""
    data = bytearray()
    while True:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return bytes(data)
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return bytes(data)
        if not chunk:
            return bytes(data)
        data += chunk


def finish(pid, fd):
    os.write(fd, b"q")
    drain(fd, 0.3)
    try:
        os.close(fd)
    finally:
        os.waitpid(pid, 0)


def app_env():
    env = dict(os.environ)
    env.setdefault("TERM", "xterm-256color")
    env["LC_ALL"] = "C.UTF-8"
    return env


def startup(jar, runs):
    """Process start (fork) to the first frame complete (its last line, the key bar, written)."""
    return [first_frame(["java", "-jar", jar]) for _ in range(runs)]


def first_frame(argv):
    """Milliseconds from forking argv on a fresh 80x24 pty to the first frame's key bar."""
    pid, fd, t0 = spawn(argv, env=app_env())
    read_until(fd, KEY_BAR)
    elapsed = (time.perf_counter_ns() - t0) / 1e6
    finish(pid, fd)
    return elapsed


def side_by_side(commands, runs):
    """First-frame times of several commands, interleaved run by run so that they share the machine's moods."""
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(first_frame(argv))
    return times


def startup_tmux(jar, runs):
    """The same in tmux at 80x24. The pane's shell waits for a line, then execs java; tmux copies what
    the pane receives to a file (pipe-pane), which this script polls. The clock runs from the line
    sent (send-keys) to the key bar arriving in tmux; one capture-pane then checks that tmux shows it.
    Polling with capture-pane instead would start a tmux client every few ms, and on 2 cores those
    clients slow the JVM's start-up they are timing (measured: about 60 ms more)."""
    server = ["tmux", "-L", "stackviz-figures-%d-%d" % (os.getpid(), time.monotonic_ns())]
    subprocess.run(server + ["new-session", "-d", "-s", "idle", "-x", "80", "-y", "24"], check=True)
    # tmux (3.3a) leaves its socket behind when the server ends: remove it with the server
    socket = subprocess.run(server + ["display-message", "-p", "#{socket_path}"], capture_output=True, text=True,
                            check=True).stdout.strip()
    times = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(runs):
                name = "run%d" % i
                pane_out = os.path.join(tmp, name + ".out")
                open(pane_out, "wb").close()
                subprocess.run(server + ["new-session", "-d", "-s", name, "-x", "80", "-y", "24",
                                         "read go; LC_ALL=C.UTF-8 exec java -jar %s" % jar], check=True)
                subprocess.run(server + ["pipe-pane", "-t", name, "cat >> %s" % pane_out], check=True)
                time.sleep(0.2)  # the shell is up and reading
                t0 = time.perf_counter_ns()
                subprocess.run(server + ["send-keys", "-t", name, "Enter"], check=True)
                with open(pane_out, "rb") as received:
                    seen = b""
                    while KEY_BAR not in seen:
                        seen += received.read()
                        time.sleep(0.001)
                        if time.perf_counter_ns() - t0 > 10e9:
                            raise TimeoutError("no first frame in tmux: %r" % seen[-300:])
                times.append((time.perf_counter_ns() - t0) / 1e6)
                screen = subprocess.run(server + ["capture-pane", "-p", "-t", name], capture_output=True,
                                        text=True).stdout
                if "q quit" not in screen:
                    raise RuntimeError("the key bar arrived but tmux does not show it: " + screen)
                subprocess.run(server + ["send-keys", "-t", name, "q"], check=True)
                time.sleep(0.3)
                subprocess.run(server + ["kill-session", "-t", name], capture_output=True)
    finally:
        subprocess.run(server + ["kill-server"], capture_output=True)
        if os.path.exists(socket):
            os.remove(socket)
    return times


def wire_and_latency(jar):
    """Bytes per step after the first frame, and key-to-frame latency from the app's own cast."""
    with tempfile.TemporaryDirectory() as tmp:
        cast = os.path.join(tmp, "wire.cast")
        pid, fd, _ = spawn(["java", "-jar", jar, "--record", cast, "--record-input"], env=app_env())
        first = read_until(fd, KEY_BAR)
        first += drain(fd, 0.3)
        steps = []
        for key in [b"n", b"n", b"n", b"n", b"p", b"n", b"p", b"p", b"n", b"n", b"p", b"n"]:
            os.write(fd, key)
            steps.append(len(drain(fd, 0.25)))
        finish(pid, fd)
        latencies = []
        with open(cast, encoding="utf-8") as lines:
            events = [json.loads(line) for line in list(lines)[1:]]
        for i, (t, code, _) in enumerate(events):
            if code == "i":
                after = [e for e in events[i + 1:] if e[1] == "o"]
                if after:
                    latencies.append((after[0][0] - t) * 1000)
    return len(first), steps, latencies


def step_latency(jar, steps):
    """From i (one instruction of the traced child) to its frame flushed, from the app's own cast."""
    with tempfile.TemporaryDirectory() as tmp:
        cast = os.path.join(tmp, "step.cast")
        pid, fd, _ = spawn(["java", "-jar", jar, "--isolate", "--record", cast, "--record-input"], env=app_env())
        read_until(fd, KEY_BAR)
        drain(fd, 0.3)
        os.write(fd, b"i")  # the first i switches, traced, and stops at sv_jump: not a step
        drain(fd, 0.5)
        for _ in range(steps):
            os.write(fd, b"i")
            drain(fd, 0.15)
        finish(pid, fd)
        return cast_latencies(cast, "i", skip=1)


def fiber_latency(jar, steps):
    """From n (one switch of the green threads, the fiber's round included) to its frame flushed."""
    with tempfile.TemporaryDirectory() as tmp:
        cast = os.path.join(tmp, "fibers.cast")
        pid, fd, _ = spawn(["java", "-jar", jar, "fibers", "--record", cast, "--record-input"], env=app_env())
        read_until(fd, KEY_BAR)
        drain(fd, 0.3)
        for _ in range(steps):
            os.write(fd, b"n")
            drain(fd, 0.15)
        finish(pid, fd)
        return cast_latencies(cast, "n", skip=0)


def trace_view(jar, steps):
    """stackviz trace's view on the C seed: n to its switch, then i (one instruction, registers from the CPU)
    again and again: the bytes each i sends after the switch's frame, and key to frame flushed, from its own cast."""
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "seed_jump")
        subprocess.run(["cc", "-O1", "-masm=intel", "-Wl,-z,now", "-o", exe, "src/test/resources/programs/seed_jump.c"],
                       check=True)
        cast = os.path.join(tmp, "trace.cast")
        pid, fd, _ = spawn(["java", "-jar", jar, "trace", "--no-cache", "--record", cast, "--record-input", "--", exe],
                           env=app_env())
        read_until(fd, KEY_BAR)
        drain(fd, 0.3)
        os.write(fd, b"n")
        read_until(fd, b"ret->")  # a label of the switch's grid: whole in one write
        drain(fd, 0.3)
        sizes = []
        for _ in range(steps):
            os.write(fd, b"i")
            sizes.append(len(drain(fd, 0.15)))
        finish(pid, fd)
        return sizes, cast_latencies(cast, "i", skip=0)


def cast_latencies(cast, key, skip):
    """Milliseconds from each typed key (an "i" event) to the next output, after the first skip of them."""
    with open(cast, encoding="utf-8") as lines:
        events = [json.loads(line) for line in list(lines)[1:]]
    keys = [i for i, e in enumerate(events) if e[1] == "i" and e[2] == key][skip:]
    latencies = []
    for i in keys:
        after = [e for e in events[i + 1:] if e[1] == "o"]
        if after:
            latencies.append((after[0][0] - events[i][0]) * 1000)
    return latencies


def until_line(argv, stream, needle, timeout=20.0):
    """Milliseconds from starting argv until a line of its stdout or stderr contains needle; then it is killed."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pipe = proc.stdout if stream == "stdout" else proc.stderr
    seen = b""
    try:
        while needle not in seen:
            ready, _, _ = select.select([pipe], [], [], max(0.0, timeout - (time.monotonic() - start)))
            if not ready:
                raise RuntimeError("no %r from %s within %.0f s" % (needle, argv, timeout))
            chunk = os.read(pipe.fileno(), 65536)
            if not chunk:
                raise RuntimeError("%s ended without %r" % (argv, needle))
            seen += chunk
        return (time.monotonic() - start) * 1000
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def trace_first_switch(jar, runs):
    """The seed's jump in C and in Rust (src/test/resources/programs), compiled here: from start to the first
    switch reported by stackviz trace --text, side by side in each round: C with nothing kept, Rust with nothing
    kept (--no-cache: every file disassembled), Rust with the sites kept from an earlier run (--cache), the
    programs untraced to their line after the switch, and java -jar --version (the JVM's own start)."""
    with tempfile.TemporaryDirectory() as work:
        c_exe = os.path.join(work, "seed_jump")
        subprocess.run(["cc", "-O1", "-masm=intel", "-Wl,-z,now", "-o", c_exe,
                        "src/test/resources/programs/seed_jump.c"], check=True)
        rustc = shutil.which("rustc") or "/usr/bin/rustc"
        rust_exe = os.path.join(work, "seed_jump_rs")
        subprocess.run([rustc, "-O", "-o", rust_exe, "src/test/resources/programs/seed_jump.rs"], check=True,
                       capture_output=True)
        cache = os.path.join(work, "cache")
        trace = ["java", "-jar", jar, "trace", "--text", "--switches", "1"]
        until_line(trace + ["--cache", cache, "--", rust_exe], "stderr", b"switch 1:")  # fills the cache
        rows = {k: [] for k in ("c", "c_untraced", "rust_uncached", "rust_kept", "rust_untraced", "java")}
        for _ in range(runs):
            rows["c_untraced"].append(until_line([c_exe], "stdout", b"I LOVE WAKING UP"))
            rows["c"].append(until_line(trace + ["--no-cache", "--", c_exe], "stderr", b"switch 1:"))
            rows["rust_untraced"].append(until_line([rust_exe], "stdout", b"I LOVE WAKING UP"))
            rows["rust_uncached"].append(until_line(trace + ["--no-cache", "--", rust_exe], "stderr", b"switch 1:"))
            rows["rust_kept"].append(until_line(trace + ["--cache", cache, "--", rust_exe], "stderr", b"switch 1:"))
            rows["java"].append(until_line(["java", "-jar", jar, "--version"], "stdout", b"stackviz"))
        return rows


def exhaustive_rate(jar, seconds):
    """trace --exhaustive on a C loop that never switches: the instructions a second it reports after --timeout."""
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "loop.c")
        with open(source, "w") as f:
            f.write("int main(void) { volatile unsigned long x = 0; for (;;) x++; }\n")
        exe = os.path.join(work, "loop")
        subprocess.run(["cc", "-O1", "-o", exe, source], check=True)
        done = subprocess.run(["java", "-jar", jar, "trace", "--text", "--exhaustive", "--timeout", "%ds" % seconds,
                               "--", exe], capture_output=True, text=True, check=True)
        for line in done.stderr.splitlines():
            if "instructions single-stepped in" in line:
                return int(line.rsplit("(", 1)[1].split(" ")[0].replace(",", ""))
        raise RuntimeError("no summary line from trace --exhaustive: " + done.stderr)


def bench(jar, quick):
    args = ["java", "-jar", jar, "bench", "--json"] + (["--quick"] if quick else [])
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", default="target/stackviz.jar")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="fewer runs and iterations: checks it works")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--image", default="target/dist/stackviz",
                        help="an app image (mvn -Pdist package): its first frame beside java -jar's, if it exists")
    parser.add_argument("--compare", nargs=2, metavar="JAR", help="only: the first frame of two jars, interleaved")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    if args.compare:
        a, b = args.compare
        times = side_by_side({a: ["java", "-jar", a], b: ["java", "-jar", b]}, runs)
        for name, runs_ms in times.items():
            print("%s: first frame median %.1f ms   runs: %s" % (name, statistics.median(runs_ms),
                                                                [round(t) for t in runs_ms]))
        print("ratio %s / %s: %.2f" % (b, a, statistics.median(times[b]) / statistics.median(times[a])))
        return
    image = os.path.join(args.image, "bin", "stackviz")
    if os.path.exists(image):
        both = side_by_side({"jar": ["java", "-jar", args.jar], "image": [image]}, runs)
    start = startup(args.jar, runs)
    start_tmux = startup_tmux(args.jar, runs)
    first, steps, latencies = wire_and_latency(args.jar)
    stepping = step_latency(args.jar, 8 if args.quick else 20)
    switching = fiber_latency(args.jar, 8 if args.quick else 20)
    traced_sizes, traced_latencies = trace_view(args.jar, 8 if args.quick else 20)
    switch = bench(args.jar, args.quick)
    traced = trace_first_switch(args.jar, 3 if args.quick else runs)
    rate = exhaustive_rate(args.jar, 3 if args.quick else 10)
    figures = {}
    if os.path.exists(image):
        figures.update({
            "side_by_side_jar_ms_median": statistics.median(both["jar"]),
            "side_by_side_jar_ms_runs": [round(t, 1) for t in both["jar"]],
            "side_by_side_image_ms_median": statistics.median(both["image"]),
            "side_by_side_image_ms_runs": [round(t, 1) for t in both["image"]],
            "image_over_jar": statistics.median(both["image"]) / statistics.median(both["jar"]),
        })
    figures.update({
        "startup_ms_median": statistics.median(start),
        "startup_ms_runs": [round(t, 1) for t in start],
        "startup_tmux_ms_median": statistics.median(start_tmux),
        "startup_tmux_ms_runs": [round(t, 1) for t in start_tmux],
        "first_frame_bytes": first,
        "step_bytes_median": statistics.median(steps),
        "step_bytes": steps,
        "key_to_frame_ms_median": statistics.median(latencies),
        "key_to_frame_ms": [round(t, 2) for t in latencies],
        "instruction_step_ms_median": statistics.median(stepping),
        "instruction_step_ms": [round(t, 2) for t in stepping],
        "fiber_switch_ms_median": statistics.median(switching),
        "fiber_switch_ms": [round(t, 2) for t in switching],
        "trace_view_step_bytes_median": statistics.median(traced_sizes),
        "trace_view_step_bytes": traced_sizes,
        "trace_view_key_to_frame_ms_median": statistics.median(traced_latencies),
        "trace_view_key_to_frame_ms": [round(t, 2) for t in traced_latencies],
        "bench": switch,
        "trace_first_switch": {name: {"median_ms": statistics.median(ms), "runs_ms": [round(t, 1) for t in ms]}
                               for name, ms in traced.items()},
        "exhaustive_steps_per_second": rate,
    })
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    if "image_over_jar" in figures:
        print("first frame, side by side in one run (pty 80x24), median of %d: java -jar %.0f ms, app image %.0f ms,"
              " ratio %.2f" % (runs, figures["side_by_side_jar_ms_median"], figures["side_by_side_image_ms_median"],
                               figures["image_over_jar"]))
    print("start-up to first frame (pty 80x24), median of %d: %.0f ms   runs: %s" % (
        runs, figures["startup_ms_median"], figures["startup_ms_runs"]))
    print("start-up to first frame in tmux 80x24, median of %d: %.0f ms   runs: %s" % (
        runs, figures["startup_tmux_ms_median"], figures["startup_tmux_ms_runs"]))
    print("first frame: %d bytes; per step after it, median: %d bytes   steps: %s" % (
        first, figures["step_bytes_median"], steps))
    print("key to frame flushed, median of %d: %.2f ms" % (len(latencies), figures["key_to_frame_ms_median"]))
    print("i (one traced instruction) to frame flushed, median of %d: %.2f ms" % (
        len(stepping), figures["instruction_step_ms_median"]))
    print("n (one fiber switch) to frame flushed, median of %d: %.2f ms" % (
        len(switching), figures["fiber_switch_ms_median"]))
    print("trace view, i after the seed's switch: %d bytes a step (median; max %d), key to frame flushed %.2f ms"
          " (median of %d)" % (figures["trace_view_step_bytes_median"], max(traced_sizes),
                               figures["trace_view_key_to_frame_ms_median"], len(traced_latencies)))
    for row in switch["switches"]:
        print("%-58s %8.1f ns/switch" % (row["name"], row["median_ns"]))
    for name, value in switch["ratios"].items():
        print("%-58s %8.2f" % (name, value))
    t = figures["trace_first_switch"]
    print("trace --text, start to the first switch reported, side by side, median of %d:" % len(t["c"]["runs_ms"]))
    for name, what in (("c", "C seed, nothing kept"), ("rust_uncached", "Rust seed (-O), nothing kept (--no-cache)"),
                       ("rust_kept", "Rust seed (-O), sites kept from an earlier run"),
                       ("c_untraced", "C seed untraced, to its line after the switch"),
                       ("rust_untraced", "Rust seed untraced, to its line after the switch"),
                       ("java", "java -jar stackviz.jar --version (the JVM's start)")):
        print("  %-58s %7.0f ms   runs: %s" % (what, t[name]["median_ms"], t[name]["runs_ms"]))
    print("trace --exhaustive on a loop, as it reports: %d instructions a second" % rate)
    print("kill, in-process, median of %d: %.1f us" % (switch["kill"]["runs"], switch["kill"]["median_us"]))
    print("cpu: %s" % switch["cpu"])


if __name__ == "__main__":
    sys.exit(main())
