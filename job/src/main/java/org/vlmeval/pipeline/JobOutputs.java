package org.vlmeval.pipeline;

import org.vlmeval.model.AlertEvent;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.model.WindowMetricsRow;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The streams the pipeline produces, for sinks to attach to.
 *
 * @param answers every scored answer and every failed call, late ones included
 * @param metrics window rows of every configured window family, both key shapes
 * @param deadLetters input events that were not accepted, with the reason
 * @param alerts regression alerts opening and resolving (empty when {@code pipeline.alerts} is off)
 * @param judgements what the judges did about each answer (empty without judges)
 */
public record JobOutputs(
        DataStream<AnswerRow> answers,
        DataStream<WindowMetricsRow> metrics,
        DataStream<DeadLetter> deadLetters,
        DataStream<AlertEvent> alerts,
        DataStream<JudgementRow> judgements) {}
