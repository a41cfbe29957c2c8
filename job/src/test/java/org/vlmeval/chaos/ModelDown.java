package org.vlmeval.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scenario {@code model-down}: the process of one model server ({@code models-ep-b}) is stopped
 * (SIGTERM; its counts are saved, see {@link CountingModelServer}) for {@code --outage-s} seconds
 * (default 30) and started again on the same port. Its answers meanwhile must be classified errors
 * ({@code connect_failed}, then {@code circuit_open} once its breaker opens; a call cut off by the
 * stop may end {@code server_error} or {@code timeout}), its circuit must open and close again (the
 * job's {@code circuitState} gauge, read over REST), it must answer again after that, and the other
 * endpoint must not notice: no error, every call paid once. The job must not restart.
 *
 * <p>Differs from tm-kill on purpose: answers = events × endpoints still holds (an error is an
 * answer row), but the stopped endpoint's rows during the outage are errors, and its calls then
 * were never made (paid 0), so its paid mean is below 1.
 */
final class ModelDown extends Outage {

    /** What a stopped server may leave behind; anything else is a misclassification. */
    private static final Set<String> OUTAGE_KINDS =
            Set.of("connect_failed", "circuit_open", "server_error", "timeout");

    private final String endpoint;
    private volatile long openedAt;
    private volatile long closedAt;
    private volatile long closedAtEpochMs;
    private volatile boolean watching = true;

    ModelDown(ChaosRun run, String endpoint) {
        super(run, "model server " + endpoint, "30");
        this.endpoint = endpoint;
    }

    @Override
    void stop() throws InterruptedException {
        run.processes().stop("models-" + endpoint);
    }

    @Override
    void start() throws Exception {
        run.startModelServer(endpoint);
    }

    @Override
    public Set<String> errorsExpected() {
        return Set.of(endpoint);
    }

    @Override
    public void inject(String jobId, int messagesSent) throws Exception {
        Thread watcher = new Thread(() -> watchCircuit(jobId), "circuit-watcher");
        watcher.setDaemon(true);
        watcher.start();
        super.inject(jobId, messagesSent);
    }

    /**
     * Polls the call operator's circuitState gauge (2 open, 1 half-open, 0 closed, max over
     * subtasks).
     */
    private void watchCircuit(String jobId) {
        while (watching) {
            try {
                int state = circuitState(jobId);
                if (state == 2 && openedAt == 0) {
                    openedAt = System.nanoTime();
                    run.say("circuit of " + endpoint + " open");
                }
                if (state == 0 && openedAt != 0 && startedAt != 0 && closedAt == 0) {
                    closedAt = System.nanoTime();
                    closedAtEpochMs = System.currentTimeMillis();
                    run.say("circuit of " + endpoint + " closed again");
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // The REST API is busy: try again.
            }
        }
    }

    private int circuitState(String jobId) throws Exception {
        for (JsonNode v : run.restGet("/jobs/" + jobId).path("vertices")) {
            if (!v.path("name").asText().contains("call-" + endpoint)) {
                continue;
            }
            String base = "/jobs/" + jobId + "/vertices/" + v.path("id").asText();
            List<String> ids = new ArrayList<>();
            for (JsonNode m : run.restGet(base + "/subtasks/metrics")) {
                String id = m.path("id").asText();
                if (id.endsWith(endpoint + ".circuitState")) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                return -1;
            }
            int state = 0;
            for (JsonNode m :
                    run.restGet(base + "/subtasks/metrics?agg=max&get=" + String.join(",", ids))) {
                state = Math.max(state, (int) m.path("max").asDouble());
            }
            return state;
        }
        return -1;
    }

    @Override
    public void awaitEnd(String jobId) throws Exception {
        super.awaitEnd(jobId);
        run.await("the circuit of " + endpoint + " closed again", 180, () -> closedAt != 0);
        watching = false;
    }

    private String circuitTimes() {
        return String.format(
                Locale.ROOT,
                "circuit of %s open %.1f s after the stop, closed %.1f s after the restart",
                endpoint,
                openedAt == 0 ? Double.NaN : (openedAt - stoppedAt) / 1e9,
                closedAt == 0 ? Double.NaN : (closedAt - startedAt) / 1e9);
    }

    @Override
    public List<String> describe(String jobId, long answersDoneAt) {
        List<String> lines = new ArrayList<>(super.describe(jobId, answersDoneAt));
        lines.add(circuitTimes());
        return lines;
    }

    @Override
    public String recovery() {
        return super.recovery() + "; " + circuitTimes();
    }

    @Override
    public void check(String jobId, List<String> failures) {
        super.check(jobId, failures);
        ChaosRun.check(failures, openedAt != 0, "the circuit of " + endpoint + " never opened");
        ChaosRun.check(failures, closedAt != 0, "the circuit of " + endpoint + " never closed");
        String where = "run = 'chaos' AND endpoint = '" + endpoint + "'";
        long errors =
                run.sql(
                        "SELECT count(*) FROM vlm_eval.answers WHERE "
                                + where
                                + " AND error_kind IS NOT NULL");
        long misclassified =
                run.sql(
                        "SELECT count(*) FROM vlm_eval.answers WHERE "
                                + where
                                + " AND error_kind IS NOT NULL AND error_kind NOT IN ('"
                                + String.join("', '", OUTAGE_KINDS)
                                + "')");
        long answeredAfter =
                run.sql(
                        "SELECT count(*) FROM vlm_eval.answers WHERE "
                                + where
                                + " AND error_kind IS NULL AND written_at > to_timestamp("
                                + closedAtEpochMs / 1000.0
                                + ")");
        ChaosRun.check(failures, errors > 0, "no errors on " + endpoint + " while it was down");
        ChaosRun.check(
                failures,
                misclassified == 0,
                misclassified + " errors on " + endpoint + " not of " + OUTAGE_KINDS);
        ChaosRun.check(
                failures,
                answeredAfter > 0,
                endpoint + " answered nothing after its circuit closed");
    }
}
