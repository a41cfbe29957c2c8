package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JudgementRow;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The step after the last grade judge ({@code judged-rows}): each graded row goes on, and what the
 * judges did about it leaves as {@link JudgementRows#JUDGEMENTS} (the async judge operators cannot
 * emit side outputs themselves).
 */
class EmitJudgements extends ProcessFunction<ToGrade, AnswerRow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ToGrade in, Context ctx, Collector<AnswerRow> out) {
        out.collect(in.row());
        emit(in, ctx);
    }

    static void emit(ToGrade in, ProcessFunction<ToGrade, ?>.Context ctx) {
        for (JudgementRow j : in.judgements()) {
            ctx.output(JudgementRows.JUDGEMENTS, j);
        }
    }

    /** As {@link EmitJudgements}, each row with its event's truth for {@link ApplyLabels}. */
    static final class KeepingTruth extends ProcessFunction<ToGrade, ScoredAnswer> {

        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(ToGrade in, Context ctx, Collector<ScoredAnswer> out) {
            out.collect(new ScoredAnswer(in.row(), in.eventTruth()));
            emit(in, ctx);
        }
    }
}
