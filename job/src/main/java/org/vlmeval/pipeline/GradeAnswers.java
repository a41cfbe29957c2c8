package org.vlmeval.pipeline;

import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.judges.GradeRequest;
import org.vlmeval.judges.Judge;
import org.vlmeval.judges.JudgeOutcome;
import org.vlmeval.judges.JudgeVerdict;
import org.vlmeval.judges.Judgement;
import org.vlmeval.judges.LruObjectsCache;
import org.vlmeval.judges.SkipReason;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.JudgementRow;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One grade judge as an async operator (uid {@code judge-grade-<name>}): answers without a
 * reference or label ({@link ToGrade#gradable}) are graded by the judge, and a {@code correct} or
 * {@code incorrect} verdict becomes the row's {@code correct} with {@code truth = judge:<name>}
 * (counted in the windows' and summary's {@code judged} columns, never in {@code scored}). {@code
 * unsure}, a judge error or a skip leave the row as it was. Which answers are graded follows the
 * building blocks ({@link Judge#grade}): the self-judging rule, the deterministic sample, then the
 * budgets; every skip and error is a Flink counter under {@code judge=<name>}.
 *
 * <p>The judge's budgets ({@code max_calls_per_minute}, {@code max_cost_per_hour}) and its
 * endpoint's limits are totals over the job, so each subtask gets its share, as {@link
 * CallEndpoint} does for an endpoint.
 */
public final class GradeAnswers extends RichAsyncFunction<ToGrade, ToGrade> {

    private static final long serialVersionUID = 1L;

    private final EndpointsConfig endpoints;
    private final String judgeName;

    private transient EndpointClients clients;
    private transient Judge judge;
    private transient Counter graded;
    private transient Counter gradedCorrect;
    private transient Counter unsure;
    private transient Counter judgeErrors;
    private transient Counter inputTokens;
    private transient Counter outputTokens;
    private transient Map<SkipReason, Counter> skips;

    public GradeAnswers(EndpointsConfig endpoints, String judgeName) {
        this.endpoints = endpoints;
        this.judgeName = judgeName;
        JudgeOperators.config(endpoints, judgeName, JudgeTask.GRADE);
    }

    /** The grade judges of {@code endpoints}, in the order of the file. */
    public static List<JudgeConfig> gradeJudges(EndpointsConfig endpoints) {
        return JudgeOperators.judgesFor(endpoints, JudgeTask.GRADE);
    }

    @Override
    public void open(OpenContext openContext) {
        JudgeOperators.Opened opened =
                JudgeOperators.open(
                        endpoints,
                        judgeName,
                        getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                        new LruObjectsCache(1));
        clients = opened.clients();
        judge = opened.judge();
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("judge", judgeName);
        graded = group.counter("graded", new ThreadSafeSimpleCounter());
        gradedCorrect = group.counter("gradedCorrect", new ThreadSafeSimpleCounter());
        unsure = group.counter("unsure", new ThreadSafeSimpleCounter());
        judgeErrors = group.counter("errors", new ThreadSafeSimpleCounter());
        inputTokens = group.counter("inputTokens", new ThreadSafeSimpleCounter());
        outputTokens = group.counter("outputTokens", new ThreadSafeSimpleCounter());
        skips = JudgeOperators.skipCounters(group);
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
    }

    @Override
    public void asyncInvoke(ToGrade in, ResultFuture<ToGrade> out) throws InvalidInputException {
        if (in.requestJson() == null || !ToGrade.gradable(in.row())) {
            out.complete(Collections.singleton(in));
            return;
        }
        EvalRequest request = JsonCodec.decodeValidatedRequest(in.requestJson());
        GradeRequest grade =
                new GradeRequest(
                        in.row().requestId(),
                        request.image(),
                        in.row().question(),
                        in.row().responseText(),
                        in.row().endpoint(),
                        null);
        judge.grade(grade)
                .whenComplete(
                        (outcome, bug) -> {
                            if (bug != null) {
                                // Judge.grade never fails; should it, the answer passes ungraded.
                                judgeErrors.inc();
                                out.complete(Collections.singleton(in));
                                return;
                            }
                            out.complete(Collections.singleton(apply(in, outcome)));
                        });
    }

    @Override
    public void timeout(ToGrade in, ResultFuture<ToGrade> out) {
        judgeErrors.inc();
        out.complete(Collections.singleton(in));
    }

    private ToGrade apply(ToGrade in, JudgeOutcome outcome) {
        JudgementRow row =
                JudgementRows.recorded(outcome)
                        ? JudgementRows.of(in.row(), judgeName, JudgeTask.GRADE, outcome)
                        : null;
        if (!outcome.judged()) {
            skips.get(outcome.skipped()).inc();
            return in.notGraded(row);
        }
        Judgement j = outcome.judgement();
        if (j.inputTokens() != null) {
            inputTokens.inc(j.inputTokens());
        }
        if (j.outputTokens() != null) {
            outputTokens.inc(j.outputTokens());
        }
        if (!j.ok()) {
            judgeErrors.inc();
            return in.notGraded(row);
        }
        if (j.verdict() == JudgeVerdict.UNSURE) {
            unsure.inc();
            return in.notGraded(row);
        }
        boolean correct = j.verdict() == JudgeVerdict.CORRECT;
        graded.inc();
        if (correct) {
            gradedCorrect.inc();
        }
        return in.graded(in.row().judgedBy(judgeName, correct), row);
    }
}
