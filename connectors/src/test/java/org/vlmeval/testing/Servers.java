package org.vlmeval.testing;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.util.function.Function;

/** Small helpers for mockwebserver3. */
public final class Servers {

    private Servers() {}

    public static Dispatcher dispatcher(Function<RecordedRequest, MockResponse> handler) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handler.apply(request);
            }
        };
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    public static MockResponse openAiAnswer(String text) {
        return json(
                200,
                "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\""
                        + text
                        + "\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}");
    }

    public static MockResponse ollamaAnswer(String text) {
        return json(
                200,
                "{\"model\":\"qwen2.5vl\",\"message\":{\"role\":\"assistant\",\"content\":\""
                        + text
                        + "\"},\"done\":true,\"done_reason\":\"stop\","
                        + "\"prompt_eval_count\":20,\"eval_count\":7}");
    }
}
