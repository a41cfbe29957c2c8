package org.vlmeval.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server processes of a chaos run: each started with its output in a log file, each killed
 * (with its descendants) by {@link #stopAll()}, which a shutdown hook calls, so that no process
 * outlives the run however it ends (except a kill -9 of the harness itself).
 */
final class Processes {

    private final Path logDir;
    private final Map<String, Process> running = new ConcurrentHashMap<>();

    Processes(Path logDir) {
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "chaos-cleanup"));
    }

    /** Starts {@code command} as {@code name}; its stdout and stderr go to {@code name.log}. */
    Process start(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        File log = logDir.resolve(name + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        Process p = pb.start();
        running.put(name, p);
        return p;
    }

    /** Runs {@code command} to its end (at most 2 minutes) and returns its output. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(command.get(command.size() - 1) + " failed:\n" + out);
        }
        return out;
    }

    /** kill -9: the process gets no chance to clean up, as when its machine dies. */
    void kill(String name) throws InterruptedException {
        Process p = running.remove(name);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops {@code name} with SIGTERM (its shutdown hooks run), waiting up to 30 s. */
    void stop(String name) throws InterruptedException {
        Process p = running.remove(name);
        if (p != null) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    boolean isAlive(String name) {
        Process p = running.get(name);
        return p != null && p.isAlive();
    }

    long pid(String name) {
        return running.get(name).pid();
    }

    void stopAll() {
        List<ProcessHandle> all = new ArrayList<>();
        running.values()
                .forEach(
                        p -> {
                            p.descendants().forEach(all::add);
                            all.add(p.toHandle());
                        });
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        running.clear();
    }
}
