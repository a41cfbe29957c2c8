package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.judges.JudgeOutcome;
import org.vlmeval.judges.Judgement;
import org.vlmeval.judges.SkipReason;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.model.Question;

import org.apache.flink.util.OutputTag;

import java.time.Instant;

/**
 * The {@link JudgementRow}s of the judge operators, and the side output they leave the job by (the
 * judge operators are async, which has no side outputs: their rows ride on the records to the step
 * after them, which emits them here).
 */
final class JudgementRows {

    /** The judgements of every judge operator, for {@link JobOutputs#judgements()}. */
    static final OutputTag<JudgementRow> JUDGEMENTS = new OutputTag<>("judgements") {};

    private JudgementRows() {}

    /**
     * Whether an outcome is worth a row: every judgement, and the skips a budget caused (a
     * self-judging or not-sampled skip is the configuration working, one per answer, not news).
     */
    static boolean recorded(JudgeOutcome outcome) {
        return outcome.judged()
                || outcome.skipped() == SkipReason.BUDGET_CALLS
                || outcome.skipped() == SkipReason.BUDGET_COST;
    }

    /** The row of {@code outcome} about {@code answer}, which {@link #recorded} must accept. */
    static JudgementRow of(AnswerRow answer, String judge, JudgeTask task, JudgeOutcome outcome) {
        return of(
                answer.run(),
                answer.requestId(),
                answer.endpoint(),
                answer.sample(),
                answer.eventTime(),
                judge,
                task,
                outcome);
    }

    /** The row of {@code outcome} about the call result {@code r}. */
    static JudgementRow of(CallResult r, String judge, JudgeTask task, JudgeOutcome outcome) {
        Question q = r.question();
        return of(
                q.run(),
                q.requestId(),
                r.endpoint(),
                q.sample(),
                q.eventTime(),
                judge,
                task,
                outcome);
    }

    private static JudgementRow of(
            String run,
            String requestId,
            String endpoint,
            int sample,
            Instant eventTime,
            String judge,
            JudgeTask task,
            JudgeOutcome outcome) {
        if (!outcome.judged()) {
            return new JudgementRow(
                    run,
                    requestId,
                    endpoint,
                    sample,
                    eventTime,
                    judge,
                    task.yamlName(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    outcome.skipped().jsonName(),
                    null,
                    null,
                    0,
                    null,
                    null,
                    null);
        }
        Judgement j = outcome.judgement();
        return new JudgementRow(
                run,
                requestId,
                endpoint,
                sample,
                eventTime,
                judge,
                task.yamlName(),
                j.promptVersion(),
                j.imageKey(),
                j.verdict() == null ? null : j.verdict().jsonName(),
                j.objects(),
                j.rationale().isEmpty() ? null : j.rationale(),
                j.reused(),
                null,
                j.errorKind() == null ? null : j.errorKind().jsonName(),
                j.errorMessage(),
                j.latencyMs(),
                j.inputTokens(),
                j.outputTokens(),
                j.cost());
    }
}
