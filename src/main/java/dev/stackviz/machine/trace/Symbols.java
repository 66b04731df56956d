package dev.stackviz.machine.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's function symbols with their sizes ({@code nm -S}: the symbol table, or where it was
 * stripped the dynamic one), so that an address is named {@code symbol+0xOFF} only when it lies
 * inside that symbol. A stripped library's own local functions have no name: an address in one is
 * not given the name of the exported function before it.
 */
public final class Symbols {

    private record Symbol(String name, long size) {
    }

    private final TreeMap<Long, Symbol> symbols = new TreeMap<>();

    private Symbols() {
    }

    /** The symbols of {@code file}; none (not an error) where nm is missing or finds none. */
    public static Symbols of(Path file) {
        Symbols symbols = new Symbols();
        symbols.add(nm(file, false));
        symbols.add(nm(file, true));
        return symbols;
    }

    /** Parses nm -S output ("ADDRESS [SIZE] TYPE NAME"), keeping the functions (t, T, w, W, i). */
    static Symbols parse(String nm) {
        Symbols symbols = new Symbols();
        symbols.add(nm);
        return symbols;
    }

    private void add(String nm) {
        for (String line : nm.split("\n")) {
            String[] f = line.strip().split(" ", 4);
            if (f.length == 4 && "tTwWi".contains(f[2]) && f[2].length() == 1) {
                symbols.putIfAbsent(Long.parseUnsignedLong(f[0], 16), new Symbol(f[3], Long.parseUnsignedLong(f[1], 16)));
            } else if (f.length == 3 && "tTwWi".contains(f[1]) && f[1].length() == 1) {
                symbols.putIfAbsent(Long.parseUnsignedLong(f[0], 16), new Symbol(f[2], 0));
            }
        }
    }

    /**
     * Where to cut the file's code in two halves to read side by side: the start of the function
     * nearest the middle of the functions' span; -1 if that span is under {@code smallest} bytes.
     */
    public long middle(long smallest) {
        if (symbols.isEmpty() || symbols.lastKey() - symbols.firstKey() < smallest) {
            return -1;
        }
        long middle = symbols.firstKey() + (symbols.lastKey() - symbols.firstKey()) / 2;
        Long below = symbols.floorKey(middle);
        return below == null || below <= symbols.firstKey() ? -1 : below;
    }

    /** {@code symbol+0xOFF} for a virtual address (as the file has it) inside a function; null outside them. */
    public String where(long vaddr) {
        Map.Entry<Long, Symbol> entry = symbols.floorEntry(vaddr);
        if (entry == null) {
            return null;
        }
        long offset = vaddr - entry.getKey();
        if (offset != 0 && offset >= entry.getValue().size()) {
            return null;
        }
        return entry.getValue().name() + "+0x" + Long.toHexString(offset);
    }

    private static String nm(Path file, boolean dynamic) {
        List<String> command = dynamic ? List.of("nm", "-D", "-S", "-C", "--defined-only", file.toString())
                : List.of("nm", "-S", "-C", "--defined-only", file.toString());
        try {
            Process nm = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            nm.getOutputStream().close();
            String text = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            nm.waitFor();
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
