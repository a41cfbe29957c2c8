package org.vlmeval.sources;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.Question;
import org.vlmeval.model.RecordedResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns the raw bytes of one input event into a {@link SourceEvent}: a {@link Question}, a recorded
 * answer to re-score, or a {@link DeadLetter} saying why not. It never throws, so no input can stop
 * a source.
 *
 * <p>An event is a recorded response when it has a {@code response} field (recorded-response
 * schema), otherwise a request (eval-request schema). A request without {@code ts} takes the time
 * it was read at ({@code receivedAt}: the Kafka record's timestamp, or the file read time).
 */
public final class EventParser implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int maxEventBytes;
    private final String runOverride;
    private final boolean labels;

    /**
     * @param maxEventBytes events larger than this become {@link DeadLetter#OVERSIZED} dead letters
     *     (validated by {@code PipelineOptions}, which makes the job's parser)
     * @param runOverride when non-null, the run every event is assigned to (a replay's run id),
     *     whatever its own {@code run} says
     */
    public EventParser(int maxEventBytes, String runOverride) {
        this(maxEventBytes, runOverride, false);
    }

    private EventParser(int maxEventBytes, String runOverride, boolean labels) {
        this.maxEventBytes = maxEventBytes;
        this.runOverride = runOverride;
        this.labels = labels;
    }

    /**
     * A parser of a labels input with the same limits and run: every event is a label
     * (label.schema.json) or a dead letter.
     */
    public EventParser forLabels() {
        return new EventParser(maxEventBytes, runOverride, true);
    }

    /** Larger events become {@link DeadLetter#OVERSIZED} dead letters. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    public SourceEvent parse(byte[] payload, String position, Instant receivedAt) {
        if (payload == null || payload.length == 0) {
            return dead(DeadLetter.EMPTY, "empty event", position, receivedAt, new byte[0]);
        }
        if (payload.length > maxEventBytes) {
            return dead(
                    DeadLetter.OVERSIZED,
                    DeadLetter.oversizedDetail(payload.length, maxEventBytes),
                    position,
                    receivedAt,
                    payload);
        }
        String text;
        try {
            text = strictUtf8().decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return dead(
                    DeadLetter.UNDECODABLE,
                    "not valid UTF-8 (" + e.getMessage() + ")",
                    position,
                    receivedAt,
                    payload);
        }
        if (text.isBlank()) {
            return dead(DeadLetter.EMPTY, "blank event", position, receivedAt, payload);
        }
        ObjectNode node;
        try {
            node = JsonCodec.readObject(text);
        } catch (InvalidInputException e) {
            return dead(DeadLetter.INVALID_JSON, e.getMessage(), position, receivedAt, payload);
        }
        try {
            if (labels) {
                return SourceEvent.of(JsonCodec.toLabel(node, runOverride, position));
            }
            if (node.has("response")) {
                return SourceEvent.of(recorded(node, position, receivedAt));
            }
            return SourceEvent.of(
                    question(JsonCodec.toEvalRequest(node), node, position, receivedAt));
        } catch (InvalidInputException e) {
            return dead(DeadLetter.SCHEMA_VIOLATION, e.getMessage(), position, receivedAt, payload);
        }
    }

    private Question question(EvalRequest r, ObjectNode node, String position, Instant receivedAt) {
        Instant eventTime = r.ts() == null ? receivedAt : r.ts();
        String run = runOverride != null ? runOverride : r.run();
        // The request as validated, minus what the pipeline carries itself (a recorded answer's
        // model and response); a plain request, the common case, is used as it is.
        ObjectNode json = node;
        if (node.has("model") || node.has("response")) {
            json = node.deepCopy();
            json.remove("model");
            json.remove("response");
        }
        return new Question(
                r.id(),
                run,
                r.category(),
                r.lang(),
                eventTime,
                r.question(),
                r.models(),
                json.toString(),
                position,
                false,
                r.repeats(),
                0);
    }

    private CallResult recorded(ObjectNode node, String position, Instant receivedAt)
            throws InvalidInputException {
        RecordedResponse rr = JsonCodec.toRecordedResponse(node);
        JsonNode response = node.get("response");
        Question q =
                question(rr.request(), node, position, receivedAt)
                        .withSample(response.path("sample").asInt(0));
        return new CallResult(
                q,
                rr.model(),
                rr.model(),
                rr.text(),
                rr.finishReason(),
                null,
                null,
                response.path("latency_ms").asLong(0),
                intOrNull(response.get("input_tokens")),
                intOrNull(response.get("output_tokens")),
                null,
                1);
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asInt();
    }

    private static SourceEvent dead(
            String reason, String detail, String position, Instant receivedAt, byte[] payload) {
        return SourceEvent.of(
                new DeadLetter(
                        reason, detail, position, receivedAt, preview(payload), payload.length));
    }

    /** The payload as text for people to read: see {@link DeadLetter#preview}. */
    static String preview(byte[] payload) {
        return DeadLetter.preview(payload, payload.length);
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
