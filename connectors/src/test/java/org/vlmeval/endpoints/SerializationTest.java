package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.images.ImageRef;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What flows through Flink as records or state must survive Java serialization. */
class SerializationTest {

    @Test
    void questionsWithEveryKindOfImageRoundTrip() throws Exception {
        for (ImageRef image :
                new ImageRef[] {
                    ImageRef.ofUrl("https://images.example/a.png"),
                    ImageRef.ofData("iVBORw0KGgo=", "image/png"),
                    ImageRef.ofPath("coco/1.png"),
                    null
                }) {
            ModelQuestion question = new ModelQuestion("r1", image, "What is this?");
            assertThat(roundTrip(question)).isEqualTo(question);
        }
    }

    @Test
    void answersRoundTrip() throws Exception {
        ModelAnswer answer =
                ModelAnswer.failure(
                        "vllm", new AnswerError(ErrorKind.RATE_LIMITED, "HTTP 429"), 12, 429, 2);
        assertThat(roundTrip(answer)).isEqualTo(answer);
    }

    /** The endpoints file, judges included, is shipped to Flink's operators. */
    @Test
    void endpointsWithJudgesRoundTrip() throws Exception {
        EndpointsConfig config =
                EndpointsConfigLoader.parse(
                        """
                        endpoints:
                          - {name: qwen, protocol: openai, base_url: "http://vllm:8000/v1", model: q}
                        judges:
                          - {endpoint: qwen, tasks: [objects, grade], sample_rate: 0.25}
                        """,
                        "endpoints.yaml");
        assertThat(roundTrip(config)).isEqualTo(config);
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
