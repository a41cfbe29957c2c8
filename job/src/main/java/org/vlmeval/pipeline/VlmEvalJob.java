package org.vlmeval.pipeline;

import org.vlmeval.alerts.AlertOptions;
import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.model.AlertEvent;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.model.Label;
import org.vlmeval.model.Question;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.sources.EventParser;
import org.vlmeval.sources.SourceEvent;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The vlm-eval streaming job: source → parse and validate → deduplicate → check the endpoints named
 * → fan-out to the endpoints → scoring → answers and rolling window metrics → sinks.
 *
 * <p>The job takes its source and sinks as parameters; {@link #build} wires the whole pipeline and
 * the static steps ({@link #read}, {@link #route}, {@link #dedup}, {@link #checkEndpoints}, {@link
 * #ask}, {@link #score}, {@link #windowMetrics}) are the pieces tests call directly. Every operator
 * has a name and a stable uid, so savepoints survive changes around it.
 */
public final class VlmEvalJob {

    private final Source<SourceEvent, ?, ?> source;
    private final Source<SourceEvent, ?, ?> labels;
    private final JobSinks sinks;
    private final PipelineOptions options;

    public VlmEvalJob(Source<SourceEvent, ?, ?> source, JobSinks sinks, PipelineOptions options) {
        this(source, null, sinks, options);
    }

    /**
     * @param labels a source of labels (read with {@link EventParser#forLabels()}), or null for a
     *     job without late labels (no {@code apply-labels} operator, no state for it)
     */
    public VlmEvalJob(
            Source<SourceEvent, ?, ?> source,
            Source<SourceEvent, ?, ?> labels,
            JobSinks sinks,
            PipelineOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.labels = labels;
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Adds the whole pipeline to {@code env} and attaches the sinks; returns the outputs. */
    public JobOutputs build(StreamExecutionEnvironment env) {
        // Every record type between operators is an immutable Java record, so a chained operator
        // may get its input as it is instead of a serializer copy (the copies were ~5% of the CPU
        // of re-scoring). Network inputs are deserialized into new objects either way, and the
        // async operators copy their inputs themselves when reuse is on.
        env.getConfig().enableObjectReuse();
        Routed routed = checkEndpoints(dedup(route(read(env, source, options)), options), options);
        DataStream<CallResult> asked = ask(routed.questions(), options);
        // Without endpoints (a re-scoring run) nothing is asked: scoring then takes the recorded
        // answers alone and is chained to the dedup step, without a union's network exchange.
        DataStream<CallResult> results =
                judgeObjects(
                        options.endpoints().endpoints().isEmpty()
                                ? routed.recorded()
                                : asked.union(routed.recorded()),
                        options);
        JobOutputs outputs;
        if (labels == null) {
            SingleOutputStreamOperator<AnswerRow> answers = scoreAndGrade(results, options);
            outputs =
                    new JobOutputs(
                            answers,
                            windowMetrics(answers, options),
                            routed.deadLetters(),
                            alerts(answers, options),
                            answers.getSideOutput(JudgementRows.JUDGEMENTS));
        } else {
            SingleOutputStreamOperator<Label> labelled = routeLabels(env, labels, options);
            Labelled labelledRows = applyLabels(results, labelled, options);
            DataStream<LabelledAnswer> rows = labelledRows.rows();
            DataStream<AnswerRow> answers =
                    rows.map(LabelledAnswer::row).name("labelled-rows").uid("labelled-rows");
            // Alerts test each answer once, as it first came (see docs/job.md "Late labels").
            DataStream<AnswerRow> firstRows =
                    rows.filter(a -> !a.correction())
                            .name("first-rows")
                            .uid("first-rows")
                            .map(LabelledAnswer::row)
                            .name("first-rows-for-alerts")
                            .uid("first-rows-for-alerts");
            outputs =
                    new JobOutputs(
                            answers,
                            windowMetricsWithCorrections(rows, options),
                            routed.deadLetters()
                                    .union(labelled.getSideOutput(RouteEvents.DEAD_LETTERS)),
                            alerts(firstRows, options),
                            labelledRows.judgements());
        }
        sinks.attach(outputs);
        return outputs;
    }

    /**
     * The labels source (uid {@code labels-source}; timestamps and watermarks from the labels' own
     * {@code ts}, with the job's out-of-orderness and idleness) split into labels and dead letters
     * ({@link RouteLabels}, uid {@code route-labels}, side output {@link
     * RouteEvents#DEAD_LETTERS}).
     */
    public static SingleOutputStreamOperator<Label> routeLabels(
            StreamExecutionEnvironment env,
            Source<SourceEvent, ?, ?> labels,
            PipelineOptions options) {
        DataStream<SourceEvent> read =
                env.fromSource(labels, watermarks(options), "labels-source").uid("labels-source");
        return read.process(new RouteLabels())
                .setParallelism(read.getParallelism())
                .name("route-labels")
                .uid("route-labels");
    }

    /**
     * Scores the results keeping each event's own truth, then joins them with the labels ({@link
     * ApplyLabels}, keyed by run and request id, uid {@code apply-labels}).
     */
    /** The rows of {@link ApplyLabels} and what the judges did on the way there. */
    public record Labelled(
            SingleOutputStreamOperator<LabelledAnswer> rows, DataStream<JudgementRow> judgements) {}

    public static Labelled applyLabels(
            DataStream<CallResult> results, DataStream<Label> labels, PipelineOptions options) {
        SingleOutputStreamOperator<ScoredAnswer> scored;
        if (GradeAnswers.gradeJudges(options.endpoints()).isEmpty()) {
            scored = results.process(new ScoreAnswers.KeepingTruth()).name("score").uid("score");
        } else {
            // Graded before the labels join: ApplyLabels then holds the row that was counted, and
            // a later label's correction takes back the judge's verdict exactly.
            scored =
                    grade(
                                    results.process(new ScoreAnswers.ForJudgingKeepingTruth())
                                            .name("score")
                                            .uid("score"),
                                    options)
                            .process(new EmitJudgements.KeepingTruth())
                            .name("judged-rows")
                            .uid("judged-rows");
        }
        return new Labelled(
                joinLabels(scored, labels, options),
                scored.getSideOutput(JudgementRows.JUDGEMENTS));
    }

    private static SingleOutputStreamOperator<LabelledAnswer> joinLabels(
            DataStream<ScoredAnswer> scored, DataStream<Label> labels, PipelineOptions options) {
        return scored.connect(labels)
                .keyBy(
                        (ScoredAnswer a) -> ApplyLabels.key(a),
                        (Label l) -> ApplyLabels.key(l),
                        Types.STRING)
                .process(new ApplyLabels(options.labels().ttl()))
                .name("apply-labels")
                .uid("apply-labels");
    }

    /**
     * The source with timestamps and watermarks assigned at the source, from the events' own times:
     * assigning them after the async calls would make records overtaken by the watermark while
     * waiting for a retry late.
     */
    public static SingleOutputStreamOperator<SourceEvent> read(
            StreamExecutionEnvironment env,
            Source<SourceEvent, ?, ?> source,
            PipelineOptions options) {
        return env.fromSource(source, watermarks(options), "source").uid("source");
    }

    public static WatermarkStrategy<SourceEvent> watermarks(PipelineOptions options) {
        Duration bound = options.maxOutOfOrderness();
        return WatermarkStrategy.<SourceEvent>forGenerator(ctx -> new EventTimeWatermarks(bound))
                .withTimestampAssigner((event, ignored) -> event.eventTime().toEpochMilli())
                .withIdleness(options.idleness());
    }

    /** The source's events split into questions, recorded answers and dead letters. */
    public record Routed(
            DataStream<Question> questions,
            DataStream<CallResult> recorded,
            DataStream<DeadLetter> deadLetters) {}

    /**
     * Routes the source's events. This operator is chained to the source (same parallelism,
     * forward), so the watermark it sees is the source's own: lateness is decided here, once, and
     * identically on every run of the same input.
     */
    public static Routed route(DataStream<SourceEvent> events) {
        SingleOutputStreamOperator<Question> questions =
                events.process(new RouteEvents())
                        .setParallelism(events.getParallelism())
                        .name("route-events")
                        .uid("route-events");
        return new Routed(
                questions,
                questions.getSideOutput(RouteEvents.RECORDED),
                questions.getSideOutput(RouteEvents.DEAD_LETTERS));
    }

    /**
     * Drops re-deliveries of questions and recorded answers before anything is asked or counted
     * ({@link Deduplicate}, keyed by run and request id; uid {@code dedup}); conflicting duplicates
     * join the dead letters. Placed after {@link #route}, so lateness is still decided at the
     * source, against the source's own watermark; the key-by only shuffles records, and watermarks
     * and idleness pass through it unchanged. With {@code dedup_ttl: 0s} the step is left out.
     */
    public static Routed dedup(Routed routed, PipelineOptions options) {
        if (options.dedupTtl().isZero()) {
            return routed;
        }
        // The key-by puts a network exchange in front of the model calls, which used to be chained
        // to the source. Under backpressure (slow models: the normal case) the exchange's buffers
        // fill with questions, and an aligned barrier waits behind all of them for their calls
        // (FailureRecoveryITCase: the first checkpoint completed only when the stream had ended).
        // Unaligned barriers overtake the buffered records (which go into the checkpoint);
        // savepoints stay aligned.
        routed.questions()
                .getExecutionEnvironment()
                .getCheckpointConfig()
                .enableUnalignedCheckpoints();
        SingleOutputStreamOperator<Question> questions =
                routed.questions()
                        .connect(routed.recorded())
                        .keyBy(
                                (Question q) -> Deduplicate.key(q),
                                (CallResult r) -> Deduplicate.key(r),
                                Types.STRING)
                        .process(new Deduplicate(options.dedupTtl()))
                        .name("dedup")
                        .uid("dedup");
        return new Routed(
                questions,
                questions.getSideOutput(Deduplicate.RECORDED),
                routed.deadLetters().union(questions.getSideOutput(Deduplicate.DEAD_LETTERS)));
    }

    /**
     * Requests naming endpoints that are not configured: one dead letter per unknown name ({@link
     * CheckEndpoints}); chained to the step before it.
     */
    public static Routed checkEndpoints(Routed routed, PipelineOptions options) {
        List<String> names =
                options.endpoints().endpoints().stream().map(EndpointConfig::name).toList();
        SingleOutputStreamOperator<Question> questions =
                routed.questions()
                        .process(new CheckEndpoints(names))
                        .setParallelism(routed.questions().getParallelism())
                        .name("check-endpoints")
                        .uid("check-endpoints");
        return new Routed(
                questions,
                routed.recorded(),
                routed.deadLetters().union(questions.getSideOutput(CheckEndpoints.DEAD_LETTERS)));
    }

    /**
     * Fans each question out to the endpoints it selects, each endpoint in its own async operator
     * whose capacity over all subtasks is the endpoint's {@code max_concurrency}, so a slow or dead
     * model can only fill its own slots; an endpoint with {@code repeats} (or a request with its
     * own) is asked once per sample ({@link RepeatSamples}). Returns the union of all endpoints'
     * results.
     */
    public static DataStream<CallResult> ask(
            DataStream<Question> questions, PipelineOptions options) {
        List<DataStream<CallResult>> perEndpoint = new ArrayList<>();
        int parallelism = questions.getExecutionEnvironment().getParallelism();
        long interval = questions.getExecutionEnvironment().getConfig().getAutoWatermarkInterval();
        // Few watermarks into the async operators: each one takes a queue slot for as long as the
        // calls before it run (see the class). At most one a second: at 200 ms a 2 s model had ~10
        // in each subtask's queue (fan-out 0.89 of C/L at C = 64); windows fire at most 1 s later.
        questions =
                questions
                        .transform(
                                "throttle-watermarks",
                                questions.getType(),
                                new ThrottleWatermarks<>(
                                        Math.max(interval, CALL_WATERMARK_INTERVAL.toMillis())))
                        .setParallelism(questions.getParallelism())
                        .uid("throttle-watermarks");
        for (EndpointConfig endpoint : options.endpoints().endpoints()) {
            String name = endpoint.name();
            DataStream<Question> selected =
                    questions
                            .filter(q -> q.asks(name))
                            .name("select-" + name)
                            .uid("select-" + name)
                            .flatMap(new RepeatSamples(endpoint.repeats()))
                            .name("repeat-" + name)
                            .uid("repeat-" + name);
            perEndpoint.add(
                    AsyncDataStream.unorderedWait(
                                    selected,
                                    new CallEndpoint(
                                            options.endpoints(),
                                            name,
                                            options.journal(),
                                            options.journalRetryErrors(),
                                            options.runId()),
                                    CallEndpoint.operatorTimeout(endpoint).toMillis(),
                                    TimeUnit.MILLISECONDS,
                                    capacityPerSubtask(endpoint.maxConcurrency(), parallelism)
                                            + WATERMARK_SLOTS)
                            .name("call-" + name)
                            .uid("call-" + name));
        }
        if (perEndpoint.isEmpty()) {
            // No endpoints: nothing is asked (a re-scoring run); keep the graph well-formed.
            return questions
                    .flatMap((Question q, org.apache.flink.util.Collector<CallResult> out) -> {})
                    .returns(CallResult.class)
                    .name("no-endpoints")
                    .uid("no-endpoints");
        }
        DataStream<CallResult> all = perEndpoint.get(0);
        for (int i = 1; i < perEndpoint.size(); i++) {
            all = all.union(perEndpoint.get(i));
        }
        return all;
    }

    /** The shortest wall time between two watermarks into the call operators. */
    static final Duration CALL_WATERMARK_INTERVAL = Duration.ofSeconds(1);

    /**
     * Queue slots of a call operator beyond its share of {@code max_concurrency}, for the
     * watermarks waiting behind calls (one per {@link #CALL_WATERMARK_INTERVAL} of a call's
     * latency). The client's permits keep the calls themselves at the share: a question in an extra
     * slot waits for a permit, so a few more questions (and their images) are held, not sent.
     */
    static final int WATERMARK_SLOTS = 4;

    /** The endpoint's total concurrency split over the subtasks, as each client gets it. */
    static int capacityPerSubtask(int maxConcurrency, int parallelism) {
        return CallEndpoint.ceilDiv(maxConcurrency, Math.max(1, parallelism));
    }

    /**
     * When the endpoints file has objects judges: every result keyed by its image ({@link
     * JudgeObjects#imageRoute}, so answers about one image meet at one subtask), then one async
     * operator per judge ({@link JudgeObjects}, uid {@code judge-objects-<name>}, capacity the
     * judge endpoint's {@code max_concurrency} over all subtasks) giving answers whose request
     * lists no objects the judge's list of the image's objects; the first judge that gives one
     * wins. Without objects judges, {@code results} unchanged (no operator, no shuffle).
     */
    public static DataStream<CallResult> judgeObjects(
            DataStream<CallResult> results, PipelineOptions options) {
        List<JudgeConfig> judges = JudgeObjects.objectsJudges(options.endpoints());
        if (judges.isEmpty()) {
            return results;
        }
        int parallelism = results.getExecutionEnvironment().getParallelism();
        // As in dedup: aligned barriers would wait behind the buffered answers for judge calls.
        results.getExecutionEnvironment().getCheckpointConfig().enableUnalignedCheckpoints();
        DataStream<CallResult> judged = results.keyBy(JudgeObjects::imageRoute, Types.STRING);
        // Every answer passes through the operator, most without a call (a cached list, own
        // objects, an error): room for the answers of all endpoints, while the judge client's
        // permits keep the judge's calls at its max_concurrency.
        int answersInFlight = 0;
        for (EndpointConfig e : options.endpoints().endpoints()) {
            answersInFlight += capacityPerSubtask(e.maxConcurrency(), parallelism);
        }
        for (JudgeConfig judge : judges) {
            EndpointConfig endpoint =
                    JudgeOperators.judgeEndpoint(options.endpoints(), judge.name());
            judged =
                    AsyncDataStream.unorderedWait(
                                    judged,
                                    new JudgeObjects(
                                            options.endpoints(),
                                            judge.name(),
                                            options.judgeStore()),
                                    JudgeOperators.operatorTimeout(
                                                    options.endpoints(), judge.name())
                                            .toMillis(),
                                    TimeUnit.MILLISECONDS,
                                    Math.max(
                                            answersInFlight,
                                            capacityPerSubtask(
                                                    endpoint.maxConcurrency(), parallelism)))
                            .name("judge-objects-" + judge.name())
                            .uid("judge-objects-" + judge.name());
        }
        return judged;
    }

    public static SingleOutputStreamOperator<AnswerRow> score(DataStream<CallResult> results) {
        return results.process(new ScoreAnswers()).name("score").uid("score");
    }

    /**
     * {@link #score}, then, when the endpoints file has grade judges, one async operator per judge
     * ({@link GradeAnswers}, uid {@code judge-grade-<name>}, capacity the judge endpoint's {@code
     * max_concurrency} over all subtasks) grading the answers that have no reference; the rows then
     * leave through {@code judged-rows}. Without grade judges the graph is {@link #score}'s.
     */
    public static SingleOutputStreamOperator<AnswerRow> scoreAndGrade(
            DataStream<CallResult> results, PipelineOptions options) {
        List<JudgeConfig> judges = GradeAnswers.gradeJudges(options.endpoints());
        if (judges.isEmpty()) {
            return score(results);
        }
        DataStream<ToGrade> rows =
                results.process(new ScoreAnswers.ForJudging()).name("score").uid("score");
        return grade(rows, options)
                .process(new EmitJudgements())
                .name("judged-rows")
                .uid("judged-rows");
    }

    /**
     * One async operator per grade judge ({@link GradeAnswers}, uid {@code judge-grade-<name>},
     * capacity the judge endpoint's {@code max_concurrency} over all subtasks), in the order of the
     * file.
     */
    static DataStream<ToGrade> grade(DataStream<ToGrade> rows, PipelineOptions options) {
        int parallelism = rows.getExecutionEnvironment().getParallelism();
        for (JudgeConfig judge : GradeAnswers.gradeJudges(options.endpoints())) {
            EndpointConfig endpoint =
                    JudgeOperators.judgeEndpoint(options.endpoints(), judge.name());
            rows =
                    AsyncDataStream.unorderedWait(
                                    rows,
                                    new GradeAnswers(options.endpoints(), judge.name()),
                                    JudgeOperators.operatorTimeout(
                                                    options.endpoints(), judge.name())
                                            .toMillis(),
                                    TimeUnit.MILLISECONDS,
                                    capacityPerSubtask(endpoint.maxConcurrency(), parallelism))
                            .name("judge-grade-" + judge.name())
                            .uid("judge-grade-" + judge.name());
        }
        return rows;
    }

    /**
     * Answers that reached a window operator after its state was gone although their source had not
     * marked them late (see {@link #windowGrace}); counted as {@code lateAtWindow} and logged.
     */
    public static final OutputTag<KeyedAnswer> LATE_AT_WINDOW =
            new OutputTag<>("late-at-window") {};

    /** The shortest time a window keeps its state after its end, see {@link #windowGrace}. */
    static final Duration MIN_WINDOW_GRACE = Duration.ofMinutes(1);

    /**
     * How long past its end (and past {@code allowed_lateness}) a window keeps its state for
     * answers that their source did not mark late: {@code max(idleness, 1m)}.
     *
     * <p>Lateness is decided at the source, against the source subtask's own watermark ({@link
     * RouteEvents}), but a window fires on the minimum over the subtasks that are not idle. A
     * subtask that gets no record for {@code idleness} is idle, and the others move the windows on
     * without it; when its records come (a consumer that took longer than {@code idleness} to fetch
     * after a start or a restore, on a busy machine, while the other partition delivered its
     * backlog), they are on time by its own watermark, so stored as not late, but behind the
     * windows' watermark. Without a grace the window operator dropped them silently: chaos runs
     * after a TaskManager kill had 995 of 1,000 answers per endpoint in the windows and 0 marked
     * late (docs/reliability.md). With the grace such an answer fires its window again and the row
     * is replaced (rows are upserted by their natural key); answers later than that go to {@link
     * #LATE_AT_WINDOW}, so a loss is never silent.
     */
    static Duration windowGrace(PipelineOptions options) {
        Duration idleness = options.idleness();
        return idleness.compareTo(MIN_WINDOW_GRACE) > 0 ? idleness : MIN_WINDOW_GRACE;
    }

    /**
     * Rolling metrics: every answer counts under (run, endpoint, category) and (run, endpoint,
     * {@code *}), in every configured window family. A window fires when the watermark passes its
     * end; with allowed lateness, late answers fire it again and the row is replaced; so do answers
     * on time at their source that reach the window behind its watermark ({@link #windowGrace}).
     */
    public static DataStream<WindowMetricsRow> windowMetrics(
            DataStream<AnswerRow> answers, PipelineOptions options) {
        DataStream<AnswerRow> inWindows = answers;
        if (options.allowedLateness().isZero()) {
            // Late answers were decided at the source; leaving them to the window operator would
            // make their fate depend on how far its watermark lags, i.e. on timing.
            inWindows = answers.filter(a -> !a.late()).name("drop-late").uid("drop-late");
        }
        KeyedStream<KeyedAnswer, MetricsKey> keyed =
                inWindows
                        .flatMap(new KeyByCategoryAndAll())
                        .name("key-by-category")
                        .uid("key-by-category")
                        .keyBy(KeyedAnswer::key);
        return windows(keyed, options.allowedLateness().plus(windowGrace(options)), options);
    }

    /**
     * {@link #windowMetrics} for the rows of {@link ApplyLabels}: a correction takes the replaced
     * row's contribution back out of its windows and adds the new one ({@link
     * KeyByCategoryAndAll.WithCorrections}); it carries the answer's event time, so it reaches the
     * answer's windows, which keep their sums {@code labels.window_lateness} longer for it.
     */
    public static DataStream<WindowMetricsRow> windowMetricsWithCorrections(
            DataStream<LabelledAnswer> rows, PipelineOptions options) {
        DataStream<LabelledAnswer> inWindows = rows;
        if (options.allowedLateness().isZero()) {
            // As in windowMetrics: a late answer and its corrections stay out of the windows.
            inWindows = rows.filter(a -> !a.row().late()).name("drop-late").uid("drop-late");
        }
        KeyedStream<KeyedAnswer, MetricsKey> keyed =
                inWindows
                        .flatMap(new KeyByCategoryAndAll.WithCorrections())
                        .name("key-by-category")
                        .uid("key-by-category")
                        .keyBy(KeyedAnswer::key);
        Duration lateness =
                options.allowedLateness()
                        .plus(windowGrace(options))
                        .plus(options.labels().windowLateness());
        return windows(keyed, lateness, options);
    }

    private static DataStream<WindowMetricsRow> windows(
            KeyedStream<KeyedAnswer, MetricsKey> keyed,
            Duration lateness,
            PipelineOptions options) {
        DataStream<WindowMetricsRow> all = null;
        for (WindowSpec spec : options.windows()) {
            SingleOutputStreamOperator<WindowMetricsRow> rows =
                    keyed.window(assigner(spec))
                            .allowedLateness(lateness)
                            .sideOutputLateData(LATE_AT_WINDOW)
                            .aggregate(
                                    new WindowMetrics.Sum(), new WindowMetrics.ToRow(spec.kind()))
                            .name("window-" + spec.id())
                            .uid("window-" + spec.id());
            rows.getSideOutput(LATE_AT_WINDOW)
                    .process(new CountLateAtWindow(spec.id()))
                    .name("late-at-window-" + spec.id())
                    .uid("late-at-window-" + spec.id());
            all = all == null ? rows : all.union(rows);
        }
        if (all == null) {
            throw new IllegalArgumentException("windows: at least one window family is needed");
        }
        return all;
    }

    /**
     * Regression alerts ({@link DetectShifts}, uid {@code detect-shifts}): each model's rates per
     * window of {@code pipeline.alerts.window}, over all categories and (with {@code per_category})
     * per category, tested against their own trailing baseline. With alerts off, an empty stream
     * (no operator, no state).
     */
    public static DataStream<AlertEvent> alerts(
            DataStream<AnswerRow> answers, PipelineOptions options) {
        AlertOptions alerts = options.alerts();
        if (!alerts.enabled()) {
            return answers.flatMap((AnswerRow a, Collector<AlertEvent> out) -> {})
                    .returns(AlertEvent.class)
                    .name("alerts-off")
                    .uid("alerts-off");
        }
        return answers.flatMap(new KeyByCategoryAndAll())
                .name("key-for-alerts")
                .uid("key-for-alerts")
                .filter(
                        k ->
                                alerts.perCategory()
                                        || k.key()
                                                .category()
                                                .equals(WindowMetricsRow.ALL_CATEGORIES))
                .name("alert-categories")
                .uid("alert-categories")
                .keyBy(KeyedAnswer::key)
                .process(new DetectShifts(alerts))
                .name("detect-shifts")
                .uid("detect-shifts");
    }

    private static WindowAssigner<Object, TimeWindow> assigner(WindowSpec spec) {
        return spec.tumbling()
                ? TumblingEventTimeWindows.of(spec.size())
                : SlidingEventTimeWindows.of(spec.size(), spec.slide());
    }
}
