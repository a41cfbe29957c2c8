package org.vlmeval.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/**
 * Scenarios {@code savepoint-resume} and {@code cancel-resubmit}: the job is ended over the REST
 * API mid-stream and the cluster jar is run again with the same job.yaml (same run id) while the
 * events keep coming.
 *
 * <ul>
 *   <li>{@code savepoint-resume}: {@code POST /jobs/<id>/stop} (stop with savepoint, no drain),
 *       then the run request with {@code savepointPath}. The savepoint holds the source offsets,
 *       the dedup and window state and the calls in flight (re-sent after the resume).
 *   <li>{@code cancel-resubmit}: {@code PATCH /jobs/<id>?mode=cancel}, no savepoint; the new job
 *       starts with empty state and reads the topic from {@code earliest} (the harness's job.yaml),
 *       so every event is asked again, and the response journal must answer all those already
 *       answered: paid calls ≈ 1.00. From {@code committed} offsets it would re-read less, but the
 *       windows of the events before the committed offsets would be recomputed from part of their
 *       answers and replace the complete rows (the windows' state is gone with the job).
 * </ul>
 *
 * Recovery time = from the stop (cancel) request until the new job runs on every vertex.
 */
final class Resubmit implements ChaosRun.Fault {

    private final ChaosRun run;
    private final boolean savepoint;
    private volatile long requestedAt;
    private volatile long endedAt;
    private volatile long runningAt;
    private volatile String newJobId;
    private volatile String savepointPath;
    private volatile Exception failure;
    private Thread worker;
    private String recovery = "—";

    Resubmit(ChaosRun run, boolean savepoint) {
        this.run = run;
        this.savepoint = savepoint;
    }

    @Override
    public void inject(String jobId, int messagesSent) {
        worker =
                new Thread(
                        () -> {
                            try {
                                resubmit(jobId, messagesSent);
                            } catch (Exception e) {
                                failure = e;
                            }
                        },
                        "resubmitter");
        worker.start();
    }

    private void resubmit(String jobId, int messagesSent) throws Exception {
        requestedAt = System.nanoTime();
        if (savepoint) {
            run.say("stop with savepoint after " + messagesSent + " messages");
            String target = run.workDir().resolve("savepoints").toUri().toString();
            JsonNode trigger =
                    run.restCall(
                            "POST",
                            "/jobs/" + jobId + "/stop",
                            "{\"targetDirectory\": \"" + target + "\", \"drain\": false}");
            String request = trigger.path("request-id").asText();
            run.await(
                    "the savepoint",
                    300,
                    () -> {
                        try {
                            JsonNode s = run.restGet("/jobs/" + jobId + "/savepoints/" + request);
                            if (!"COMPLETED".equals(s.path("status").path("id").asText())) {
                                return false;
                            }
                            JsonNode op = s.path("operation");
                            if (op.has("failure-cause")) {
                                throw new IllegalStateException(
                                        "savepoint failed: " + op.path("failure-cause"));
                            }
                            savepointPath = op.path("location").asText();
                            return true;
                        } catch (IllegalStateException e) {
                            throw e;
                        } catch (Exception e) {
                            return false;
                        }
                    });
            run.say("savepoint at " + savepointPath);
        } else {
            run.say("cancel (no savepoint) after " + messagesSent + " messages");
            run.restCall("PATCH", "/jobs/" + jobId + "?mode=cancel", null);
        }
        String ended = savepoint ? "FINISHED" : "CANCELED";
        run.await(
                "the job " + ended,
                120,
                () -> {
                    try {
                        return ended.equals(run.restGet("/jobs/" + jobId).path("state").asText());
                    } catch (Exception e) {
                        return false;
                    }
                });
        endedAt = System.nanoTime();
        newJobId = run.resubmit(savepointPath);
        run.await("the resubmitted job running", 180, () -> run.running(newJobId));
        runningAt = System.nanoTime();
        run.say("job " + newJobId + " running");
    }

    @Override
    public void awaitEnd(String jobId) throws Exception {
        worker.join();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<String> describe(String jobId, long answersDoneAt) {
        recovery =
                String.format(
                        Locale.ROOT,
                        "%s %.1f s, new job running %.1f s after the request",
                        savepoint ? "stopped with savepoint" : "canceled",
                        (endedAt - requestedAt) / 1e9,
                        (runningAt - requestedAt) / 1e9);
        return List.of(
                recovery
                        + String.format(
                                Locale.ROOT,
                                "; all answers in %.1f s after it; new job %s%s",
                                (answersDoneAt - requestedAt) / 1e9,
                                newJobId,
                                savepoint ? " from " + savepointPath : " from earliest offsets"));
    }

    @Override
    public String recovery() {
        return recovery;
    }

    @Override
    public String restarts() {
        return savepoint ? "resubmitted from the savepoint" : "resubmitted, empty state";
    }
}
