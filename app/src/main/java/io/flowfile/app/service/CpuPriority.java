package io.flowfile.app.service;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The CPU priority of the calling thread. On Linux every thread has a nice value of its own
 * ({@code setpriority(PRIO_PROCESS, tid, nice)}), and a process may always raise it for its own
 * threads: the server raises it for the threads that run flows, so that the threads answering
 * requests win the cores when both want them (a thread at nice 10 gets about a tenth of a core
 * against one at 0). Elsewhere, or if the system refuses, nothing changes.
 */
public final class CpuPriority {

    private static final Logger LOG = Logger.getLogger(CpuPriority.class);
    private static final int PRIO_PROCESS = 0;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);
    }

    /** Loaded when first used; null where there is no C library to call or no per-thread nice. */
    private static final class Holder {
        static final LibC LIBC = load();

        private static LibC load() {
            if (!Files.exists(THREAD_SELF)) {
                return null;
            }
            try {
                return Native.load("c", LibC.class);
            } catch (RuntimeException | LinkageError e) {
                LOG.debugf("thread priorities stay as they are: %s", e.getMessage());
                return null;
            }
        }
    }

    private CpuPriority() {
    }

    /** Raises the calling thread's nice value to {@code nice} (0-19; 0 changes nothing); whether it did. */
    public static boolean lowerCurrentThread(int nice) {
        if (nice <= 0) {
            return false;
        }
        LibC libc = Holder.LIBC;
        if (libc == null) {
            return false;
        }
        try {
            int tid = Integer.parseInt(Files.readSymbolicLink(THREAD_SELF).getFileName().toString()); // "<pid>/task/<tid>"
            return libc.setpriority(PRIO_PROCESS, tid, Math.min(nice, 19)) == 0;
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            LOG.debugf("the priority of thread %s stays as it is: %s", Thread.currentThread().getName(), e.getMessage());
            return false;
        }
    }

    /** The calling thread's nice value as the system reports it (field 19 of /proc/thread-self/stat), for tests; empty elsewhere. */
    static java.util.OptionalInt currentNice() {
        try {
            String stat = Files.readString(THREAD_SELF.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return java.util.OptionalInt.of(Integer.parseInt(fields[16])); // fields from the state on: nice is the 19th of all
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.OptionalInt.empty();
        }
    }
}
