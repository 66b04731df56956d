#!/usr/bin/env bash
# Regenerates every cast in demo-recordings/ from the real jar. Headless (--headless --size 80x24),
# so it needs no TTY and gives the same screen size everywhere; the keys come from --keys.
# Usage: demo-recordings/make-demos.sh   (after mvn package; STACKVIZ_JAR overrides the jar)
# For the tests (DemoFreshnessIT): STACKVIZ_DEMO_DIR writes the casts elsewhere, and STACKVIZ_DEMO_PACE
# scales every pause of the key scripts (0.2: five times faster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=${STACKVIZ_JAR:-$here/../target/stackviz.jar}
out=$(mkdir -p "${STACKVIZ_DEMO_DIR:-$here}" && cd "${STACKVIZ_DEMO_DIR:-$here}" && pwd)
pace=${STACKVIZ_DEMO_PACE:-1}
# The casts are drawn in UTF-8 whatever the maker's locale (without it, stackviz draws ASCII: '<' for '◀').
export LC_ALL=C.UTF-8
if [ ! -f "$jar" ]; then
  echo "make-demos: no jar at $jar: run 'mvn -q -B package -DskipTests' first" >&2
  exit 1
fi

# The key script with every pause (500ms, 2s) times $pace, in whole milliseconds.
paced() {
  echo "$1" | awk -v pace="$pace" '{
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^[0-9]+ms$/) { $i = int(substr($i, 1, length($i) - 2) * pace) "ms" }
      else if ($i ~ /^[0-9]+s$/) { $i = int(substr($i, 1, length($i) - 1) * 1000 * pace) "ms" }
    }
    print
  }'
}

record() {
  local name=$1
  shift
  local args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--keys" ]; then
      args+=("--keys" "$(paced "$2")")
      shift 2
    else
      args+=("$1")
      shift
    fi
  done
  mkdir -p "$out"
  # the view's own options before a "--" (after it they would be the traced program's)
  local before=() after=() seen=0
  for a in "${args[@]}"; do
    if [ "$seen" = 0 ] && [ "$a" = "--" ]; then seen=1; fi
    if [ "$seen" = 0 ]; then before+=("$a"); else after+=("$a"); fi
  done
  (cd "${workdir:-.}" && java -jar "$jar" "${before[@]}" --headless --size 80x24 --record "$out/$name.cast" \
    --overwrite --record-input "${after[@]}")
  echo "make-demos: wrote $out/$name.cast"
}

# Every step, the switch, the target's output and heartbeat, the kill.
record full-tour --keys "2s n 2500ms n 2500ms n 3s n 3s n 3s s 4s k 3s q"
# Forward, back (each step replayed on a fresh setup), forward again.
record step-back-and-forth --keys "1500ms n 1s n 1s n 1500ms p 1500ms p 1500ms n 1s n 1s n 2s p 2s q"
# The buffer starts 5 bytes past 16: aligning moves the top down 5 bytes.
record misaligned --misalign 5 --keys "1500ms n 2s n 3s n 2500ms n 2s s 3s k 2s q"
# The seed's jump in a child, one instruction at a time (i), registers read from the CPU; then c.
record instruction-walk --isolate --keys "2s n 800ms n 800ms n 800ms n 1500ms i 2500ms i 1200ms i 1200ms i 1200ms \
i 1200ms i 1200ms i 1200ms i 1500ms i 1500ms i 2500ms i 3000ms i 3000ms i 3000ms i 2s i 1500ms i 1500ms i 1500ms i 1500ms \
i 1500ms i 3000ms i 3000ms i 2000ms c 3s k 2s q"
# The simulated machine: pure Java, made-up addresses, labelled SIMULATED.
record simulated --simulate --keys "1500ms n 1s n 1s n 1s n 1s s 2500ms k 2s q"
# Green threads: three fibers stepped switch by switch until each returns to the finishing routine.
record fibers fibers --rounds 2 --keys "2s n 3s n 3s n 3s n 3s tab 2s tab 2s tab 2s n 3s n 3s n 3s n 3s n 3s n 3s \
n 3s n 3s n 3s q"
# Green threads at full speed (switches per second), then k: the scheduler returns to the thread.
record fibers-full-speed fibers --keys "2s n 2s n 2s n 2s s 3s k 3s q"
# stackviz trace on the seed's jump in Rust, compiled here (rustc): held at its entry, n to the switch,
# Tab to the old stack and back, three instructions of hello, c (untraced: its message), k.
# Run as ./seed_jump from a scratch folder, so that the title is the same in every run.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rustc=$(command -v rustc || echo /usr/bin/rustc)
"$rustc" -O -o "$scratch/seed_jump" "$here/../src/test/resources/programs/seed_jump.rs"
workdir=$scratch record trace-rust-seed trace --no-cache --keys "2s n 4s tab 3s tab 2s i 1500ms i 1500ms i 2s c 3s k 2s q" \
  -- ./seed_jump
