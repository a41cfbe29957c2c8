package org.vlmeval.model;

import org.vlmeval.scoring.reference.Reference;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The truth for one request, arriving apart from it (schema: label.schema.json; docs/schemas.md):
 * its reference and/or objects, who labelled it and when. The reference travels as its validated
 * JSON text, as a {@link Question}'s request does: its types are a sealed hierarchy that Flink
 * could only serialize with Kryo.
 *
 * @param requestId the id of the request labelled
 * @param run the request's run (a replay's run id, or the label's own {@code run}, else {@value
 *     EvalRequest#LIVE_RUN})
 * @param labeler who labelled it
 * @param ts when it was labelled: of two labels of one request the later wins
 * @param referenceJson the reference as validated JSON, or null
 * @param objects the objects truly in the image, or null
 * @param position where it was read ({@code topic-partition@offset} or {@code file:line})
 */
public record Label(
        String requestId,
        String run,
        String labeler,
        Instant ts,
        String referenceJson,
        List<String> objects,
        String position)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public Label {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(labeler, "labeler");
        Objects.requireNonNull(ts, "ts");
        objects = objects == null ? null : List.copyOf(objects);
        if (referenceJson == null && objects == null) {
            throw new IllegalArgumentException("a label needs a reference or objects");
        }
    }

    /** The reference, decoded again from its validated JSON; null when the label has none. */
    public Reference reference() throws InvalidInputException {
        return referenceJson == null
                ? null
                : JsonCodec.reference(JsonCodec.readObject(referenceJson));
    }

    /** What the rows it scores say in {@link AnswerRow#truth()}: {@code label:<labeler>}. */
    public String truth() {
        return AnswerRow.TRUTH_LABEL_PREFIX + labeler;
    }
}
