package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.judges.JudgeOutcome;
import org.vlmeval.judges.Judgement;
import org.vlmeval.judges.SkipReason;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.model.Question;

import org.apache.flink.util.OutputTag;

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

    /** The row of {@code outcome}, which {@link #recorded} must accept. */
    static JudgementRow of(
            Question q, String endpoint, String judge, JudgeTask task, JudgeOutcome outcome) {
        if (!outcome.judged()) {
            return new JudgementRow(
                    q.run(),
                    q.requestId(),
                    endpoint,
                    q.sample(),
                    q.eventTime(),
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
                q.run(),
                q.requestId(),
                endpoint,
                q.sample(),
                q.eventTime(),
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
