package org.vlmeval.chaos;

import java.util.List;
import java.util.Locale;

/**
 * A server process stopped mid-stream and started again on the same data and port after {@code
 * --outage-s} seconds, while the events keep coming: the job must ride it through without a restart
 * (no checkpoint restore), so no call may be paid twice. The subclasses say how to stop and start
 * their process (PostgreSQL, the Kafka broker, a model server).
 */
abstract class Outage implements ChaosRun.Fault {

    final ChaosRun run;
    private final String what;
    private final String defaultOutageS;
    volatile long stoppedAt;

    /** When stop() returned: the process is gone (down time is measured from here). */
    private volatile long downAt;

    volatile long startedAt;
    private int restoredBefore;
    private int restores;
    private Thread restarter;
    private String recovery = "—";

    Outage(ChaosRun run, String what, String defaultOutageS) {
        this.run = run;
        this.what = what;
        this.defaultOutageS = defaultOutageS;
    }

    abstract void stop() throws Exception;

    abstract void start() throws Exception;

    @Override
    public void inject(String jobId, int messagesSent) throws Exception {
        restoredBefore = run.restores(jobId);
        long outageMs = (long) (Double.parseDouble(run.option("outage-s", defaultOutageS)) * 1000);
        run.say("stopping " + what + " after " + messagesSent + " messages");
        stoppedAt = System.nanoTime();
        stop();
        downAt = System.nanoTime();
        run.say(what + " stopped");
        // Started again from another thread: the producer goes on meanwhile.
        restarter =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(outageMs);
                                start();
                                startedAt = System.nanoTime();
                                run.say(what + " started again");
                            } catch (Exception e) {
                                e.printStackTrace();
                            }
                        },
                        "restarter");
        restarter.start();
    }

    @Override
    public void awaitEnd(String jobId) throws Exception {
        restarter.join();
        if (startedAt == 0) {
            throw new IllegalStateException(what + " did not start again");
        }
    }

    @Override
    public List<String> describe(String jobId, long answersDoneAt) {
        restores = run.restores(jobId) - restoredBefore;
        recovery =
                String.format(
                        Locale.ROOT,
                        "%s down %.1f s (stopped to answering again); all answers %.1f s after"
                                + " the stop",
                        what,
                        (startedAt - downAt) / 1e9,
                        (answersDoneAt - stoppedAt) / 1e9);
        return List.of(recovery + "; job restarts (checkpoint restores) " + restores);
    }

    @Override
    public boolean paidOnce() {
        return true;
    }

    @Override
    public void check(String jobId, List<String> failures) {
        ChaosRun.check(failures, restores == 0, "the job restarted " + restores + " times");
    }

    @Override
    public String recovery() {
        return recovery;
    }

    @Override
    public String restarts() {
        return String.valueOf(restores);
    }
}
