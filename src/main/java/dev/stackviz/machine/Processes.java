package dev.stackviz.machine;

import dev.stackviz.machine.sys.Posix;
import java.util.List;

/** What the terminal side needs of the operating system: a stop of its own (Ctrl-Z), a command in a session of its own. */
public final class Processes {

    private Processes() {
    }

    /** Stops this process as SIGTSTP's default action would (kill(getpid(), SIGTSTP)). */
    public static void suspendSelf() {
        Posix.kill(ProcessHandle.current().pid(), Posix.SIGTSTP);
    }

    /**
     * {@code command}, run through setsid(1) where there is one: in a session of its own, the
     * terminal's Ctrl-Z (SIGTSTP to the whole foreground process group) does not stop it half-way
     * while the app waits for it.
     */
    public static List<String> inOwnSession(List<String> command) {
        return Posix.inOwnSession(command);
    }

    /**
     * Continues the children that a terminal's stop signal caught half-started: the terminal sends
     * SIGTSTP to the whole foreground process group, and a child that Java is still spawning (its
     * jspawnhelper, before the command's exec, or a command that stays in our group) is stopped with
     * us; Java's ProcessBuilder.start then waits for it for ever, and whoever started it with it (a
     * stty of the terminal's set-up, under a lock the suspend needs). Children in a session or group
     * of their own (the isolated child) are left as they are. Returns how many were continued.
     */
    public static int continueHalfStartedChildren() {
        long group = processGroup(ProcessHandle.current().pid());
        List<String> stopped = new java.util.ArrayList<>();
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            String stat = stat(child.pid());
            if (stat != null && state(stat) == 'T' && processGroup(stat) == group && group > 0) {
                stopped.add(Long.toString(child.pid()));
            }
        }
        if (!stopped.isEmpty()) {
            continueAll(stopped);
        }
        return stopped.size();
    }

    /**
     * kill -CONT, through kill(1): the child may be JNA's own (its ldconfig -p, run while JNA's
     * NativeLibrary initialises), and a call through JNA would wait for that initialisation, which
     * waits for the stopped child.
     */
    private static void continueAll(List<String> pids) {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-CONT"));
        command.addAll(pids);
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            kill.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            kill.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            pids.forEach(pid -> Posix.signal(Long.parseLong(pid), Posix.SIGCONT)); // no kill(1) here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kernel's one-letter state of {@code pid} (/proc/PID/stat: R, S, T stopped, t traced, Z...); '?' once it is gone. */
    public static char state(long pid) {
        return Posix.state(pid);
    }

    /** /proc/PID/stat, or null once it is gone. */
    private static String stat(long pid) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The state letter: the field after the command's closing parenthesis (the command may hold spaces). */
    private static char state(String stat) {
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    /** Field 5, pgrp. */
    private static long processGroup(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[2]);
    }

    private static long processGroup(long pid) {
        String stat = stat(pid);
        return stat == null ? -1 : processGroup(stat);
    }
}
