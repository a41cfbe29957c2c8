package org.vlmeval.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One named daemon thread for a client's blocking I/O (store writers, journals): a daemon, so that
 * a writer left behind by a failed task never keeps the JVM alive.
 */
public final class DaemonThread {

    private DaemonThread() {}

    /** A single-thread executor whose thread is a daemon named {@code name}. */
    public static ExecutorService executor(String name) {
        return Executors.newSingleThreadExecutor(
                r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
    }
}
