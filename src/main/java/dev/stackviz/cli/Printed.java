package dev.stackviz.cli;

import java.io.PrintWriter;

/** What a command printed, checked: a PrintWriter swallows a failed write (a full disk) and only remembers it. */
final class Printed {

    private Printed() {
    }

    /** {@code code}, if every line reached standard output; else the failure, as one line. */
    static int checked(PrintWriter out, int code) {
        if (out.checkError() || System.out.checkError()) {
            throw new StackvizException("cannot write standard output (a full disk, or a closed pipe): "
                    + "what it holds is incomplete");
        }
        return code;
    }
}
