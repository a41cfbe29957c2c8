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
 * @param answers every scored answer and every failed call, late ones included. The rows of one
 *     natural key (run, request id, endpoint, sample) come from one subtask, in the order they were
 *     produced: every path to this stream passes a keyed operator whose key includes the run and
 *     request id ({@code dedup}, {@code apply-labels}) or the image ({@code judge-objects}, which
 *     passes each row once), and only forward edges after it ({@code JobGraphTest}). So a sink that
 *     needs a key's rows in one place (the store's upserts) needs no key-by of its own. Two rows of
 *     one key from two subtasks take two events that the job does not take for one: a request read
 *     twice with deduplication off ({@code dedup_ttl: 0}), or a recorded answer and a call for the
 *     same endpoint and sample; which of them a store keeps is then arbitrary, as it is behind a
 *     key-by (rows from two channels arrive in any order).
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
