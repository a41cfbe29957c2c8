package org.vlmeval.judges;

import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.endpoints.config.ModelFamily;
import org.vlmeval.images.ImageRef;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestImages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@link Judge} against a simulated judge server speaking the OpenAI or Ollama wire format. */
class JudgeTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final List<String> prompts = new CopyOnWriteArrayList<>();

    /** Appended to the endpoints file (e.g. an {@code images:} section). */
    private String extraYaml = "";

    private ModelServer server;
    private EndpointClients clients;

    @AfterEach
    void close() {
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Endpoints: the judge (qwen2-vl) on the simulated server, and three answering endpoints. */
    private Judge judge(String judgeOptions, String protocol, Function<String, Reply> script) {
        return judge(judgeOptions, protocol, script, new LruObjectsCache(100));
    }

    private Judge judge(
            String judgeOptions,
            String protocol,
            Function<String, Reply> script,
            ObjectsCache cache) {
        server =
                new ModelServer(
                        prompt -> {
                            prompts.add(prompt);
                            return script.apply(prompt);
                        });
        String baseUrl =
                protocol.equals("ollama") ? server.ollamaBaseUrl() : server.openAiBaseUrl();
        String yaml =
                """
                endpoints:
                  - name: qwen-72b
                    protocol: %s
                    base_url: %s
                    model: Qwen/Qwen2-VL-72B-Instruct
                    family: qwen2-vl
                    max_retries: 0
                    price_per_million_input_tokens: 1000
                    price_per_million_output_tokens: 1000
                  - name: qwen25-7b
                    protocol: openai
                    base_url: http://unused:1/v1
                    model: Qwen/Qwen2.5-VL-7B-Instruct
                    family: qwen2.5-vl
                  - name: llama-11b
                    protocol: openai
                    base_url: http://unused:1/v1
                    model: meta-llama/Llama-3.2-11B-Vision-Instruct
                    family: llama-3.2-vision
                judges:
                  - name: qwen-judge
                    endpoint: qwen-72b
                %s
                """
                                .formatted(
                                        protocol, baseUrl, judgeOptions.indent(4).stripTrailing())
                        + extraYaml;
        EndpointsConfig config = EndpointsConfigLoader.parse(yaml, "endpoints.yaml");
        clients = EndpointClients.create(config, Map.of());
        return Judge.create(config.judges().get(0), config, clients, cache, clock);
    }

    private static GradeRequest answer(String id, String question, String answer, String by) {
        return new GradeRequest(id, png(1), question, answer, by, null);
    }

    @Test
    void gradesAnAnswerWithTheRubricPromptAndKeepsWhereTheVerdictCameFrom() {
        Judge judge =
                judge(
                        "tasks: [grade]",
                        "openai",
                        p ->
                                Reply.answer(
                                                "```json\n{\"verdict\": \"incorrect\", \"rationale\":"
                                                        + " \"7 kinds\"}\n```")
                                        .tokens(100, 25));
        JudgeOutcome o =
                judge.grade(
                                answer(
                                        "fruit-kinds",
                                        "How many kinds of fruit?",
                                        "6 kinds",
                                        "llama-11b"))
                        .join();
        Judgement j = o.judgement();
        assertThat(j.verdict()).isEqualTo(JudgeVerdict.INCORRECT);
        assertThat(j.rationale()).isEqualTo("7 kinds");
        assertThat(j.judge()).isEqualTo("qwen-judge");
        assertThat(j.requestId()).isEqualTo("fruit-kinds");
        assertThat(j.answerEndpoint()).isEqualTo("llama-11b");
        assertThat(j.promptVersion()).isEqualTo("grade.v1.en");
        assertThat(j.inputTokens()).isEqualTo(100);
        assertThat(j.outputTokens()).isEqualTo(25);
        assertThat(j.cost()).isEqualTo(0.125);
        assertThat(prompts).hasSize(1);
        assertThat(prompts.get(0))
                .contains("Rubric:", "How many kinds of fruit?", "6 kinds")
                .doesNotContain("{{question}}", "{{answer}}");
    }

    @Test
    void aChineseQuestionGetsTheChinesePromptUnderAuto() {
        Judge judge = judge("tasks: [grade]", "ollama", p -> Reply.answer("{\"verdict\": \"正确\"}"));
        Judgement j =
                judge.grade(answer("sodium-zh", "每份含钠多少毫克？", "15毫克", "llama-11b"))
                        .join()
                        .judgement();
        assertThat(j.verdict()).isEqualTo(JudgeVerdict.CORRECT);
        assertThat(j.promptVersion()).isEqualTo("grade.v1.zh");
        assertThat(prompts.get(0)).contains("评分标准", "每份含钠多少毫克？");
    }

    @Test
    void neverGradesItsOwnEndpointNorItsFamilyAndCountsTheRefusals() {
        Judge judge =
                judge("tasks: [grade]", "openai", p -> Reply.answer("{\"verdict\": \"correct\"}"));
        assertThat(judge.grade(answer("a", "q", "x", "qwen-72b")).join().skipped())
                .isEqualTo(SkipReason.SELF_JUDGING);
        assertThat(judge.grade(answer("b", "q", "x", "qwen25-7b")).join().skipped())
                .as("qwen2.5-vl is the judge's family")
                .isEqualTo(SkipReason.SELF_JUDGING);
        assertThat(
                        judge.grade(
                                        new GradeRequest(
                                                "c", null, "q", "x", "other", ModelFamily.QWEN2_VL))
                                .join()
                                .skipped())
                .as("a family given with the request")
                .isEqualTo(SkipReason.SELF_JUDGING);
        assertThat(judge.grade(answer("d", "q", "x", "llama-11b")).join().judged()).isTrue();
        assertThat(judge.counts().skipped(SkipReason.SELF_JUDGING)).isEqualTo(3);
        assertThat(judge.counts().calls()).isEqualTo(1);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void forbidEndpointAllowsTheFamilyAndAllowAllowsAll() {
        Judge family =
                judge(
                        "tasks: [grade]\nself_judging: forbid_endpoint",
                        "openai",
                        p -> Reply.answer("{\"verdict\": \"correct\"}"));
        assertThat(family.mayJudge("qwen25-7b", null)).isTrue();
        assertThat(family.mayJudge("qwen-72b", null)).isFalse();
        close();
        Judge all = judge("tasks: [grade]\nself_judging: allow", "openai", p -> Reply.answer("{}"));
        assertThat(all.mayJudge("qwen-72b", null)).isTrue();
    }

    @Test
    void judgesExactlyTheSampledRequests() {
        Judge judge =
                judge(
                        "tasks: [grade]\nsample_rate: 0.3",
                        "openai",
                        p -> Reply.answer("{\"verdict\": \"correct\"}"));
        List<String> judged = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "req-" + i;
            if (JudgeSampler.sampled(id, "qwen-judge", 0.3)) {
                expected.add(id);
            }
            JudgeOutcome o = judge.grade(answer(id, "q", "a", "llama-11b")).join();
            if (o.judged()) {
                judged.add(id);
            } else {
                assertThat(o.skipped()).isEqualTo(SkipReason.NOT_SAMPLED);
            }
        }
        assertThat(judged).isEqualTo(expected).isNotEmpty();
        assertThat(judge.counts().skipped(SkipReason.NOT_SAMPLED)).isEqualTo(40 - expected.size());
        assertThat(server.requests()).isEqualTo(expected.size());
    }

    @Test
    void callsBeyondTheMinuteBudgetAreSkippedNotQueued() {
        Judge judge =
                judge(
                        "tasks: [grade]\nmax_calls_per_minute: 3",
                        "openai",
                        p -> Reply.answer("{\"verdict\": \"correct\"}"));
        List<JudgeOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(judge.grade(answer("r" + i, "q", "a", "llama-11b")).join());
        }
        assertThat(outcomes).filteredOn(JudgeOutcome::judged).hasSize(3);
        assertThat(outcomes.subList(3, 5))
                .extracting(JudgeOutcome::skipped)
                .containsOnly(SkipReason.BUDGET_CALLS);
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        assertThat(judge.grade(answer("r5", "q", "a", "llama-11b")).join().judged()).isTrue();
        assertThat(judge.counts().skipped(SkipReason.BUDGET_CALLS)).isEqualTo(2);
        assertThat(judge.counts().calls()).isEqualTo(4);
        assertThat(server.requests()).isEqualTo(4);
    }

    /** Each call: 100 + 25 tokens at 1000 per million = 0.125. */
    @Test
    void callsBeyondTheHourlyCostAreSkipped() {
        Judge judge =
                judge(
                        "tasks: [grade]\nmax_cost_per_hour: 0.3",
                        "openai",
                        p -> Reply.answer("{\"verdict\": \"correct\"}").tokens(100, 25));
        List<Boolean> judged = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            judged.add(judge.grade(answer("r" + i, "q", "a", "llama-11b")).join().judged());
        }
        // 0 (no estimate yet) -> 0.125; estimate 0.125: 0.25 <= 0.3; 0.375 > 0.3: skipped.
        assertThat(judged).containsExactly(true, true, false, false);
        assertThat(judge.counts().skipped(SkipReason.BUDGET_COST)).isEqualTo(2);
        now.addAndGet(Duration.ofHours(1).toMillis());
        assertThat(judge.grade(answer("r9", "q", "a", "llama-11b")).join().judged()).isTrue();
    }

    @Test
    void anImageIsListedOnceWhateverTheNumberOfRequestsAboutIt() {
        Judge judge =
                judge(
                        "tasks: [objects]",
                        "ollama",
                        p ->
                                Reply.answer("Objects: {\"objects\": [\"apple\", \"basket\"]}")
                                        .after(200));
        ImageRef image = png(7);
        // Concurrent requests share the call in flight; a later one reads the cache.
        CompletableFuture<JudgeOutcome> first = judge.objects(new ObjectsRequest("r1", image, "q"));
        CompletableFuture<JudgeOutcome> second =
                judge.objects(new ObjectsRequest("r2", image, "q"));
        Judgement a = first.join().judgement();
        Judgement b = second.join().judgement();
        Judgement c = judge.objects(new ObjectsRequest("r3", image, "q")).join().judgement();
        assertThat(a.objects()).containsExactly("apple", "basket");
        assertThat(b.objects()).isEqualTo(a.objects());
        // Images load in parallel: either request may be the one that pays.
        assertThat(List.of(a.reused(), b.reused())).containsExactlyInAnyOrder(true, false);
        assertThat(b.requestId()).isEqualTo("r2");
        assertThat(c.reused()).isTrue();
        assertThat(c.cost()).isZero();
        byte[] bytes = Base64.getDecoder().decode(image.data());
        assertThat(a.imageKey()).isEqualTo(ImageKeys.sha256(bytes)).hasSize(64);
        assertThat(a.promptVersion()).isEqualTo("objects.v1.en");
        assertThat(server.requests()).isEqualTo(1);
        assertThat(judge.counts().reused()).isEqualTo(2);
        judge.objects(new ObjectsRequest("r4", png(8), "q")).join();
        assertThat(server.requests()).as("another image is another call").isEqualTo(2);
    }

    /**
     * The race CI once lost: request B misses the memory and waits on a slow store while request
     * A's call finishes and puts its list; B must then find that list, not pay a second call.
     */
    @Test
    void aListPutWhileAnotherRequestWaitedOnTheStoreIsNotPaidAgain() throws Exception {
        CountDownLatch secondInStore = new CountDownLatch(1);
        CountDownLatch releaseStore = new CountDownLatch(1);
        AtomicInteger storeReads = new AtomicInteger();
        ObjectsCache slowStore =
                new ObjectsCache() {
                    @Override
                    public Optional<Judgement> get(Key key) {
                        if (storeReads.incrementAndGet() > 1) {
                            secondInStore.countDown();
                            try {
                                releaseStore.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return Optional.empty();
                    }

                    @Override
                    public void put(Key key, Judgement judgement) {}
                };
        Judge judge =
                judge(
                        "tasks: [objects]",
                        "openai",
                        p -> {
                            // The call is answered only once the other request waits in the
                            // store.
                            try {
                                secondInStore.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return Reply.answer("{\"objects\": [\"kite\"]}");
                        },
                        new LruObjectsCache(100, slowStore));
        ImageRef image = png(9);
        CompletableFuture<JudgeOutcome> first = judge.objects(new ObjectsRequest("a", image, "q"));
        CompletableFuture<JudgeOutcome> second = judge.objects(new ObjectsRequest("b", image, "q"));
        // The images load in parallel, so either request may read the store first (and pay);
        // the other then waits in the store until released. Bounded waits: a hang fails.
        assertThat(secondInStore.await(30, TimeUnit.SECONDS)).isTrue();
        JudgeOutcome paid =
                (JudgeOutcome) CompletableFuture.anyOf(first, second).get(30, TimeUnit.SECONDS);
        assertThat(paid.judgement().objects()).containsExactly("kite");
        assertThat(paid.judgement().reused()).isFalse();
        releaseStore.countDown();
        Judgement a = first.get(30, TimeUnit.SECONDS).judgement();
        Judgement b = second.get(30, TimeUnit.SECONDS).judgement();
        assertThat(List.of(a.objects(), b.objects())).containsOnly(List.of("kite"));
        // The one that waited in the store found the list the other had put: no second call.
        assertThat(List.of(a.reused(), b.reused())).containsExactlyInAnyOrder(true, false);
        assertThat(server.requests()).isEqualTo(1);
    }

    /**
     * A path (or URL) image loaded a moment ago is not loaded again to find its cached list: the
     * file is gone for the second answer and its list still comes from the cache; once the memo is
     * stale the image is loaded again (and now fails).
     */
    @Test
    void aPathImageLoadedAMomentAgoIsNotLoadedAgainToFindItsList(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("kitchen.png");
        Files.write(file, Base64.getDecoder().decode(png(11).data()));
        extraYaml = "images:\n  root: " + dir + "\n";
        Judge judge =
                judge("tasks: [objects]", "openai", p -> Reply.answer("{\"objects\": [\"pan\"]}"));
        ImageRef image = ImageRef.ofPath("kitchen.png");
        Judgement first = judge.objects(new ObjectsRequest("a", image, "q")).join().judgement();
        assertThat(first.objects()).containsExactly("pan");
        Files.delete(file);

        Judgement again = judge.objects(new ObjectsRequest("b", image, "q")).join().judgement();
        assertThat(again.objects()).containsExactly("pan");
        assertThat(again.reused()).isTrue();
        assertThat(again.requestId()).isEqualTo("b");
        assertThat(server.requests()).isEqualTo(1);

        now.addAndGet(RecentImageSources.FRESH_FOR.toMillis());
        Judgement stale = judge.objects(new ObjectsRequest("c", image, "q")).join().judgement();
        assertThat(stale.ok()).isFalse();
        assertThat(stale.errorKind()).isEqualTo(JudgeErrorKind.IMAGE_ERROR);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void failuresAreClassifiedJudgeErrorsNeverVerdicts() {
        Judge judge =
                judge(
                        "tasks: [grade, objects]",
                        "openai",
                        p ->
                                p.contains("garbage")
                                        ? Reply.answer("I think it's fine!")
                                        : p.contains("broken")
                                                ? Reply.status(500)
                                                : Reply.answer("{\"verdict\": \"maybe\"}"));
        Judgement garbage =
                judge.grade(answer("g", "q", "garbage", "llama-11b")).join().judgement();
        assertThat(garbage.errorKind()).isEqualTo(JudgeErrorKind.NO_JSON);
        assertThat(garbage.verdict()).isNull();
        Judgement broken = judge.grade(answer("b", "q", "broken", "llama-11b")).join().judgement();
        assertThat(broken.errorKind()).isEqualTo(JudgeErrorKind.CALL_FAILED);
        assertThat(broken.callError()).isEqualTo("server_error");
        Judgement maybe = judge.grade(answer("m", "q", "hmm", "llama-11b")).join().judgement();
        assertThat(maybe.errorKind()).isEqualTo(JudgeErrorKind.UNKNOWN_VERDICT);
        Judgement noImage =
                judge.objects(
                                new ObjectsRequest(
                                        "i", ImageRef.ofData("bm90IGFuIGltYWdl", null), "q"))
                        .join()
                        .judgement();
        assertThat(noImage.errorKind()).isEqualTo(JudgeErrorKind.IMAGE_ERROR);
        JudgeCounts counts = judge.counts();
        assertThat(counts.errors(JudgeErrorKind.NO_JSON)).isEqualTo(1);
        assertThat(counts.errors(JudgeErrorKind.CALL_FAILED)).isEqualTo(1);
        assertThat(counts.errors(JudgeErrorKind.UNKNOWN_VERDICT)).isEqualTo(1);
        assertThat(counts.errors(JudgeErrorKind.IMAGE_ERROR)).isEqualTo(1);
        assertThat(counts.calls()).isEqualTo(3);
    }

    @Test
    void judgesOfAFileAreFoundByNameAndTask() {
        Judges judges =
                Judges.create(
                        EndpointsConfigLoader.parse(
                                """
                                endpoints:
                                  - {name: a, protocol: openai, base_url: "http://x:1/v1", model: m}
                                judges:
                                  - {name: lister, endpoint: a, tasks: [objects]}
                                  - {name: grader, endpoint: a, tasks: [grade]}
                                """,
                                "endpoints.yaml"),
                        clients(),
                        new LruObjectsCache(10),
                        clock);
        assertThat(judges.forTask(JudgeTask.GRADE))
                .extracting(Judge::name)
                .containsExactly("grader");
        assertThat(judges.judge("lister").config().does(JudgeTask.OBJECTS)).isTrue();
        assertThat(judges.all()).hasSize(2);
    }

    private EndpointClients clients() {
        clients =
                EndpointClients.create(
                        EndpointsConfigLoader.parse(
                                """
                                endpoints:
                                  - {name: a, protocol: openai, base_url: "http://x:1/v1", model: m}
                                """,
                                "endpoints.yaml"),
                        Map.of());
        return clients;
    }

    /** A small PNG whose bytes depend on {@code seed}. */
    static ImageRef png(int seed) {
        return ImageRef.ofData(TestImages.pngBase64(seed), "image/png");
    }
}
