package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.Question;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestImages;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objects judge operator in Flink's async operator harness, against a simulated OpenAI judge
 * server: a list is paid once per image, survives a checkpoint and restore in the operator's state
 * (the server is not asked again after the restore), is not given to the judge's own endpoint, and
 * a request with its own objects or without an image passes untouched.
 */
class JudgeObjectsTest {

    static final String IMAGE_A = TestImages.pngBase64(1);
    static final String IMAGE_B = TestImages.pngBase64(2);

    ModelServer judge;
    final AtomicInteger listings = new AtomicInteger();
    EndpointsConfig endpoints;

    @BeforeEach
    void start() {
        judge =
                new ModelServer(
                        (text, image) -> {
                            listings.incrementAndGet();
                            return Reply.answer(
                                    IMAGE_A.equals(image)
                                            ? "{\"objects\": [\"cat\", \"sofa\"]}"
                                            : "{\"objects\": [\"dog\"]}");
                        });
        endpoints =
                EndpointsConfigLoader.parse(
                        "endpoints:\n"
                                + endpoint("alpha")
                                + endpoint("judge")
                                + "judges:\n  - endpoint: judge\n    tasks: [objects]\n",
                        "test");
    }

    String endpoint(String name) {
        return "  - name: "
                + name
                + "\n    protocol: openai\n    base_url: "
                + judge.openAiBaseUrl()
                + "\n    model: "
                + name
                + "\n    max_concurrency: 4\n    max_retries: 0\n";
    }

    @AfterEach
    void stop() {
        judge.close();
    }

    OneInputStreamOperatorTestHarness<CallResult, CallResult> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(
                        new JudgeObjects(endpoints, "judge", null),
                        30_000,
                        4,
                        AsyncDataStream.OutputMode.UNORDERED),
                TypeInformation.of(CallResult.class).createSerializer(new SerializerConfigImpl()));
    }

    static CallResult answer(String id, String endpoint, String image, String objects) {
        Question q = Fixtures.question(id, Fixtures.T0, "c");
        String json =
                "{\"id\":\""
                        + id
                        + "\",\"question\":\"What is it?\""
                        + (image == null
                                ? ""
                                : ",\"image\":{\"data\":\"" + image + "\",\"mime\":\"image/png\"}")
                        + (objects == null ? "" : ",\"objects\":" + objects)
                        + "}";
        Question withImage =
                new Question(
                        q.requestId(),
                        q.run(),
                        q.category(),
                        q.lang(),
                        q.eventTime(),
                        "What is it?",
                        q.models(),
                        json,
                        q.position(),
                        false);
        return Fixtures.answered(withImage, endpoint, "A cat on a sofa.");
    }

    @Test
    void aListIsPaidOncePerImageAndSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(answer("q1", "alpha", IMAGE_A, null), 1);
            h.processElement(answer("q2", "alpha", IMAGE_A, null), 2);
            h.endInput();
            List<CallResult> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out)
                    .allSatisfy(
                            r -> {
                                assertThat(r.objectsJudge()).isEqualTo("judge");
                                assertThat(r.judgedObjects()).containsExactly("cat", "sofa");
                            });
            assertThat(listings.get()).isEqualTo(1);
            snapshot = h.snapshot(1, 10);
        }
        // A new operator (as after a failure) restored from the checkpoint: image A is known.
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(answer("q3", "alpha", IMAGE_A, null), 3);
            h.processElement(answer("q4", "alpha", IMAGE_B, null), 4);
            h.endInput();
            List<CallResult> out = h.extractOutputValues();
            assertThat(out)
                    .extracting(r -> r.question().requestId() + "=" + r.judgedObjects())
                    .containsExactlyInAnyOrder("q3=[cat, sofa]", "q4=[dog]");
            assertThat(listings.get()).as("only image B was new").isEqualTo(2);
        }
        // Without the checkpoint the same answer pays again: the state is what saved the call.
        try (var h = harness()) {
            h.open();
            h.processElement(answer("q5", "alpha", IMAGE_A, null), 5);
            h.endInput();
            assertThat(listings.get()).isEqualTo(3);
        }
    }

    @Test
    void ownObjectsNoImageAndTheJudgesOwnAnswersPassUntouched() throws Exception {
        try (var h = harness()) {
            h.open();
            CallResult own = answer("o", "alpha", IMAGE_A, "[\"cat\"]");
            CallResult blind = answer("b", "alpha", null, null);
            CallResult self = answer("s", "judge", IMAGE_A, null);
            h.processElement(own, 1);
            h.processElement(blind, 2);
            h.processElement(self, 3);
            h.endInput();
            assertThat(h.extractOutputValues()).containsExactlyInAnyOrder(own, blind, self);
            assertThat(listings.get()).isZero();
        }
    }

    @Test
    void opensBesideAGradeJudgeOnAnotherEndpointAtParallelismOne() throws Exception {
        // Each judge operator makes clients for its own judge's endpoint only: the other judges
        // of the file must not be built there (they would find no client).
        endpoints =
                EndpointsConfigLoader.parse(
                        "endpoints:\n"
                                + endpoint("alpha")
                                + endpoint("judge")
                                + endpoint("grader")
                                + "judges:\n  - endpoint: judge\n    tasks: [objects]\n"
                                + "  - endpoint: grader\n    tasks: [grade]\n",
                        "test");
        try (var h = harness()) {
            h.open();
            h.processElement(answer("q1", "alpha", IMAGE_A, null), 1);
            h.endInput();
            assertThat(h.extractOutputValues().get(0).judgedObjects())
                    .containsExactly("cat", "sofa");
        }
    }
}
