package dev.stackviz.machine.trace;

import dev.stackviz.model.Instruction;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library's listing, as {@code objdump -d -M intel} prints it: for each offset, the function it
 * is in, the instruction's bytes and its text.
 */
public final class Listing {

    private static final Pattern SYMBOL = Pattern.compile("^([0-9a-f]+) <([^>]+)>:$");
    private static final Pattern BRANCH = Pattern.compile("^((?:call|j[a-z]+) )([0-9a-f]+)( <[^>]+>)$");
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t((?:[0-9a-f]{2} )+)\\s*(?:\\t(.*))?$");

    /** One instruction of the listing. */
    public record Entry(long offset, String symbol, long symbolStart, byte[] bytes, String text) {
    }

    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final Map<String, Long> symbols = new HashMap<>();

    public static Listing parse(String objdump) {
        Listing listing = new Listing();
        String symbol = "?";
        long symbolStart = 0;
        Entry last = null;
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(objdump))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher s = SYMBOL.matcher(line);
                if (s.matches()) {
                    symbol = s.group(2);
                    symbolStart = Long.parseLong(s.group(1), 16);
                    listing.symbols.put(symbol, symbolStart);
                    last = null;
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                long offset = Long.parseLong(m.group(1), 16);
                byte[] bytes = bytes(m.group(2));
                if (m.group(3) == null && last != null && last.offset() + last.bytes().length == offset) {
                    last = new Entry(last.offset(), last.symbol(), last.symbolStart(), concat(last.bytes(), bytes),
                            last.text()); // objdump's continuation line: more bytes of the same instruction
                    listing.entries.put(last.offset(), last);
                    continue;
                }
                last = new Entry(offset, symbol, symbolStart, bytes, tidy(m.group(3) == null ? "" : m.group(3)));
                listing.entries.put(offset, last);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return listing;
    }

    /** The instruction that starts at {@code offset}, or null. */
    public Entry at(long offset) {
        return entries.get(offset);
    }

    /** {@code symbol+0xOFF} for the function {@code offset} falls in (by the nearest instruction at or below it); null if none. */
    public String where(long offset) {
        Map.Entry<Long, Entry> entry = entries.floorEntry(offset);
        if (entry == null || offset - entry.getKey() > 16) {
            return null;
        }
        return entry.getValue().symbol() + "+0x" + Long.toHexString(offset - entry.getValue().symbolStart());
    }

    /** Where {@code symbol} starts; throws if the listing has no such function. */
    public long offsetOf(String symbol) {
        Long offset = symbols.get(symbol);
        if (offset == null) {
            throw new IllegalStateException("the listing has no " + symbol);
        }
        return offset;
    }

    /** The instruction at {@code address} in a process where the library starts at {@code base}, checked against {@code memory}. */
    public Instruction instruction(long address, long base, byte[] memory) {
        Entry entry = at(address - base);
        if (entry == null) {
            return new Instruction(address, "?", 0, "", 0, false);
        }
        boolean matched = memory != null && java.util.Arrays.equals(entry.bytes(),
                java.util.Arrays.copyOf(memory, Math.min(memory.length, entry.bytes().length)));
        return new Instruction(address, entry.symbol(), entry.offset() - entry.symbolStart(),
                relocated(entry.text(), base), entry.bytes().length, matched);
    }

    /**
     * An instruction with no disassembler at hand: the few encodings that end a landing named (ret,
     * jmp, syscall: their first bytes say so), any other shown as its first 8 bytes.
     */
    public static String undecoded(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return "(unreadable)";
        }
        int b0 = bytes[0] & 0xff;
        int b1 = bytes.length > 1 ? bytes[1] & 0xff : -1;
        if (b0 == 0xc3 || (b0 == 0xf3 && b1 == 0xc3)) {
            return "ret";
        }
        if (b0 == 0xe9 || b0 == 0xeb || (b0 == 0xff && b1 >= 0 && ((b1 >> 3) & 7) >= 4 && ((b1 >> 3) & 7) <= 5)) {
            return "jmp (not decoded: no objdump)";
        }
        if (b0 == 0x0f && b1 == 0x05) {
            return "syscall";
        }
        StringBuilder hex = new StringBuilder("(bytes");
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            hex.append(String.format(" %02x", bytes[i] & 0xff));
        }
        return hex.append("; not decoded: no objdump)").toString();
    }

    /** objdump names a call's or jump's target by its offset in the file: "call 1020 <puts@plt>"; this process's address instead. */
    static String relocated(String text, long base) {
        Matcher target = BRANCH.matcher(text);
        if (!target.matches()) {
            return text;
        }
        return target.group(1) + dev.stackviz.model.Hex.address(base + Long.parseLong(target.group(2), 16))
                + target.group(3);
    }

    /** objdump's "mov    rsp,QWORD PTR [r9]" as "mov rsp, qword ptr [r9]"; its "# <sym>" as "; sym". */
    static String tidy(String text) {
        String comment = "";
        int hash = text.indexOf('#');
        if (hash >= 0) {
            comment = text.substring(hash + 1).trim().replaceAll("^[0-9a-f]*\\s*<(.*)>$", "$1");
            text = text.substring(0, hash);
        }
        String tidy = text.trim().replaceAll("\\s+", " ").replace(",", ", ")
                .replace("QWORD PTR", "qword ptr").replace("DWORD PTR", "dword ptr").replace("XMMWORD PTR", "xmmword ptr")
                .replace("WORD PTR", "word ptr").replace("BYTE PTR", "byte ptr");
        return comment.isEmpty() ? tidy : tidy + " ; " + comment;
    }

    private static byte[] bytes(String hex) {
        String[] parts = hex.trim().split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
