package dev.stackviz.machine.trace;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of an executable file that can write rsp so that it may move to another stack:
 * where a tracer puts its breakpoints instead of single-stepping everything. Read from the text of
 * {@code objdump -d -M intel --no-show-raw-insn FILE}.
 *
 * <p>A site is any instruction whose destination is rsp (or esp or sp, whose writes truncate or
 * splice it), and xchg with rsp on either side, except the ones that only grow or shrink the current
 * frame by a constant: {@code add/sub/adc/sbb rsp, imm} and {@code lea rsp, [rsp+imm]}; and except
 * the ones that only read it ({@code cmp}, {@code test}, {@code push}...). Push and pop of other
 * registers, call, ret and enter move rsp by a constant and are not sites. This over-approximates on
 * purpose (an extra breakpoint costs one stop; a missed one loses a switch).
 *
 * <p>The sites that return to the frame pointer, {@code leave}, {@code mov rsp, rbp} and
 * {@code lea rsp, [rbp-imm]} (a frame's epilogue below its saved registers), are counted apart as
 * {@link Kind#FRAME}: they write rsp from rbp, which a switch may have loaded too, but they are
 * almost always a function's epilogue.
 */
public record RspWriters(List<Site> sites) {

    /** What a site most likely does. */
    public enum Kind {
        /** Loads rsp from a register, memory or arithmetic on one: a stack switch if rsp lands elsewhere. */
        SWITCH_CANDIDATE,
        /** rsp back from the frame pointer: {@code leave}, {@code mov rsp, rbp}, {@code lea rsp, [rbp-imm]}. */
        FRAME
    }

    /**
     * One instruction that writes rsp. {@code offset} is its address as objdump prints it: for an ELF
     * file, the virtual address from its program headers (of a shared library or a PIE, relative to
     * the address it is loaded at), not its offset in the file; {@code symbolOffset} is from the
     * start of {@code symbol}, the function (or objdump's name for the place) that holds it.
     * {@code text} is objdump's Intel text, its runs of spaces made one.
     */
    public record Site(long offset, String symbol, long symbolOffset, String text, Kind kind) {
    }

    static final String MISSING = "objdump is not installed (Debian: apt-get install binutils)";

    private static final Pattern SYMBOL = Pattern.compile("^([0-9a-f]+) <(.+)>:$");
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*([0-9a-f]+):\\t(.*)$");
    private static final Pattern IMMEDIATE = Pattern.compile("^(-?0x[0-9a-f]+|-?[0-9]+)$");
    private static final Pattern RSP_PLUS_CONSTANT = Pattern.compile("^\\[rsp([+-]0x[0-9a-f]+)?\\]$");
    private static final Pattern RBP_PLUS_CONSTANT = Pattern.compile("^\\[rbp([+-]0x[0-9a-f]+)?\\]$");

    private static final Set<String> STACK_POINTER = Set.of("rsp", "esp", "sp");
    private static final Set<String> PREFIXES = Set.of("lock", "rep", "repz", "repnz", "repe", "repne", "bnd",
            "notrack", "data16", "addr32", "cs", "ds", "es", "fs", "gs", "ss", "xacquire", "xrelease", "rex", "rex.w");
    /** Take rsp as their first operand without writing it. */
    private static final Set<String> READERS = Set.of("cmp", "test", "bt", "push", "call", "jmp", "ptwrite",
            "wrfsbase", "wrgsbase", "prefetch", "prefetchw");
    private static final Set<String> CONSTANT_ADJUSTS = Set.of("add", "sub", "adc", "sbb");

    public RspWriters {
        sites = List.copyOf(sites);
    }

    /** The sites that may switch stacks: all but {@link Kind#FRAME}. */
    public List<Site> candidates() {
        return sites.stream().filter(s -> s.kind() == Kind.SWITCH_CANDIDATE).toList();
    }

    /** Runs objdump on {@code file} and reads its listing. */
    public static RspWriters of(Path file) throws IOException {
        return of(file, "objdump");
    }

    static RspWriters of(Path file, String objdump) throws IOException {
        return of(file, objdump, List.of());
    }

    /**
     * The sites of one part of {@code file}: {@code range} is objdump's {@code --start-address=...}
     * and {@code --stop-address=...} (none: all of it), so that two parts of a big file can be read
     * side by side.
     */
    public static RspWriters of(Path file, List<String> range) throws IOException {
        return of(file, "objdump", range);
    }

    /** Sites of several parts, as one. */
    public static RspWriters join(List<RspWriters> parts) {
        List<Site> all = new ArrayList<>();
        for (RspWriters part : parts) {
            all.addAll(part.sites());
        }
        return new RspWriters(all);
    }

    static RspWriters of(Path file, String objdump, List<String> range) throws IOException {
        Process process;
        List<String> command = new ArrayList<>(List.of(objdump, "-d", "-M", "intel", "--no-show-raw-insn"));
        command.addAll(range);
        command.add(file.toAbsolutePath().toString()); // absolute: a name like "-x" is no option
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException(MISSING, e);
        }
        process.getOutputStream().close();
        StderrReader stderr = new StderrReader(process.getErrorStream());
        stderr.start();
        RspWriters writers;
        try (Reader out = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            writers = parse(new BufferedReader(out));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        int exit;
        try {
            exit = process.waitFor();
            stderr.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while objdump read " + file, e);
        }
        if (exit != 0) {
            throw new IOException("objdump -d " + file + " failed (exit " + exit + "): " + stderr.text().strip());
        }
        return writers;
    }

    public static RspWriters parse(String objdump) {
        try {
            return parse(new BufferedReader(new StringReader(objdump)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RspWriters parse(BufferedReader lines) throws IOException {
        List<Site> sites = new ArrayList<>();
        String symbol = "";
        long symbolStart = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            // libc's listing has 340,000 lines: only the few that name a stack pointer go through the regexes.
            if (line.endsWith(">:")) {
                Matcher s = SYMBOL.matcher(line);
                if (s.matches()) {
                    symbolStart = Long.parseUnsignedLong(s.group(1), 16);
                    symbol = s.group(2);
                }
                continue;
            }
            if (!line.contains("sp") && !line.contains("leave")) {
                continue;
            }
            Matcher i = INSTRUCTION.matcher(line);
            if (!i.matches()) {
                continue;
            }
            // With raw bytes shown the text follows a second tab; without, there is none.
            String rest = i.group(2);
            String text = rest.substring(rest.lastIndexOf('\t') + 1).strip().replaceAll(" +", " ");
            Kind kind = classify(text);
            if (kind != null) {
                long offset = Long.parseUnsignedLong(i.group(1), 16);
                sites.add(new Site(offset, symbol, offset - symbolStart, text, kind));
            }
        }
        return new RspWriters(sites);
    }

    /** The kind of site {@code text} (one instruction in objdump's Intel syntax) is, or null if it is none. */
    static Kind classify(String text) {
        int comment = text.indexOf('#');
        List<String> words = new ArrayList<>(List.of((comment < 0 ? text : text.substring(0, comment)).strip()
                .split(" ", -1)));
        while (words.size() > 1 && PREFIXES.contains(words.get(0).toLowerCase(Locale.ROOT))) {
            words.remove(0);
        }
        String mnemonic = words.get(0);
        if (mnemonic.equals("leave")) {
            return Kind.FRAME;
        }
        List<String> operands = operands(String.join(" ", words.subList(1, words.size())));
        if (mnemonic.equals("xchg")) {
            return operands.stream().anyMatch(STACK_POINTER::contains) ? Kind.SWITCH_CANDIDATE : null;
        }
        if (operands.isEmpty() || !STACK_POINTER.contains(operands.get(0)) || READERS.contains(mnemonic)
                || mnemonic.startsWith("j")) {
            return null;
        }
        String source = operands.size() > 1 ? operands.get(1) : "";
        if (operands.get(0).equals("rsp")) {
            if (CONSTANT_ADJUSTS.contains(mnemonic) && IMMEDIATE.matcher(source).matches()
                    || mnemonic.equals("lea") && RSP_PLUS_CONSTANT.matcher(source).matches()) {
                return null;
            }
            if (mnemonic.equals("mov") && source.equals("rbp")
                    || mnemonic.equals("lea") && RBP_PLUS_CONSTANT.matcher(source).matches()) {
                return Kind.FRAME;
            }
        }
        return Kind.SWITCH_CANDIDATE;
    }

    /** The comma-separated operands; Intel syntax has no comma inside an operand, but keep brackets whole anyway. */
    private static List<String> operands(String text) {
        List<String> operands = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                operands.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = text.substring(start).strip();
        if (!last.isEmpty() || !operands.isEmpty()) {
            operands.add(last);
        }
        return operands;
    }

    /** Drains objdump's stderr while its stdout is read, so that neither pipe fills and blocks it. */
    private static final class StderrReader extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StderrReader(InputStream in) {
            super("objdump-stderr");
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(bytes);
            } catch (IOException e) {
                // objdump ended: what it wrote so far is what there is
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
