package org.vlmeval.model;

import org.vlmeval.scoring.Verdict;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.Instant;

/**
 * The one JSON form of the job's records ({@link AnswerRow}, {@link WindowMetricsRow}, {@link
 * DeadLetter}, {@link Verdict}, {@link AlertEvent}), registered on {@link JsonCodec#MAPPER} and so
 * shared by every sink that writes JSON (the Kafka topics, {@code answers.jsonl}, {@code
 * dead-letters.jsonl}, the file sinks' checkpoint state) and by the {@code score} command: the
 * components in declaration order under their names in lower snake case (the store's column names),
 * nulls written, {@link Instant}s as {@link Instant#toString()}. Reading builds the records through
 * their canonical constructors, so they validate as always. Mix-ins keep the records free of
 * Jackson.
 */
final class RecordJson extends SimpleModule {

    private static final long serialVersionUID = 1L;

    RecordJson() {
        super("vlm-eval-records");
        addSerializer(Instant.class, ToStringSerializer.instance);
        addDeserializer(Instant.class, new InstantText());
        setMixInAnnotation(AnswerRow.class, SnakeCase.class);
        setMixInAnnotation(WindowMetricsRow.class, SnakeCase.class);
        setMixInAnnotation(DeadLetter.class, DeadLetterJson.class);
        setMixInAnnotation(Verdict.class, SnakeCase.class);
        setMixInAnnotation(AlertEvent.class, SnakeCase.class);
        setMixInAnnotation(JudgementRow.class, SnakeCase.class);
    }

    /**
     * Unknown fields are skipped so that checkpoint state survives a field's removal, as it did
     * when the rows were read field by field.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    private interface SnakeCase {}

    /** As {@link SnakeCase}, with the size before the (cut) payload as the files always had it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"reason", "detail", "position", "received_at", "payload_bytes", "payload"})
    private interface DeadLetterJson {}

    private static final class InstantText extends FromStringDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        InstantText() {
            super(Instant.class);
        }

        @Override
        protected Instant _deserialize(String value, DeserializationContext context) {
            return Instant.parse(value);
        }
    }
}
