package org.vlmeval.seed;

import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.scoring.Scorer;
import org.vlmeval.scoring.ScoringInput;
import org.vlmeval.scoring.Verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed corpus ({@code corpora/seed}): requests valid, images present and small, one recording
 * per case and endpoint, and the behaviours the corpus README advertises hold under the real
 * scorer. Prints per-endpoint accuracy, refusal and hallucination rates (not asserted) so the
 * recordings' story can be checked at a glance in {@code target/surefire-reports}.
 */
class SeedCorpusTest {

    static final Path DIR = Path.of("../corpora/seed");
    static final List<String> ENDPOINTS =
            List.of("llama-3.2-11b-vision", "llama-3.2-90b-vision", "qwen2-vl-7b", "qwen2-vl-72b");
    static final List<String> LLAMAS = ENDPOINTS.subList(0, 2);
    static final List<String> QWENS = ENDPOINTS.subList(2, 4);
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** A case: the request as decoded and the raw JSON. */
    record Case(EvalRequest request, ObjectNode json) {}

    static final Map<String, Case> CASES = new LinkedHashMap<>();
    static final List<JsonNode> RECORDINGS = new ArrayList<>();

    /** The grade judge's recorded verdicts: lines whose request_id is {@code <case>/<endpoint>}. */
    static final List<JsonNode> GRADES = new ArrayList<>();

    /** The endpoint that grades answers without a reference (judges: in endpoints.yaml). */
    static final String JUDGE = "qwen2-vl-72b";

    /** Verdicts by case id, then endpoint. */
    static final Map<String, Map<String, Verdict>> VERDICTS = new LinkedHashMap<>();

    static final Map<String, String> TEXTS = new LinkedHashMap<>();

    /** Readings of every sample, by "case endpoint", in sample order. */
    static final Map<String, List<String>> SAMPLE_READINGS = new TreeMap<>();

    @BeforeAll
    static void load() throws Exception {
        int n = 0;
        for (String line : lines("cases.jsonl")) {
            n++;
            ObjectNode json = JsonCodec.readObject(line);
            EvalRequest r = JsonCodec.toEvalRequest(json);
            assertThat(CASES.put(r.id(), new Case(r, json))).as("duplicate id " + r.id()).isNull();
        }
        assertThat(CASES).as("unique ids").hasSize(n);
        for (String line : lines("recordings.jsonl")) {
            ObjectNode rec = JsonCodec.readObject(line);
            (rec.path("request_id").asText().contains("/") ? GRADES : RECORDINGS).add(rec);
        }
        for (JsonNode rec : RECORDINGS) {
            Case c = CASES.get(rec.path("request_id").asText());
            if (c == null) {
                continue; // reported by recordingsAreOnePerCaseAndEndpoint
            }
            EvalRequest r = c.request();
            String endpoint = rec.path("endpoint").asText();
            String text = rec.path("text").asText();
            Verdict v =
                    Scorer.standard()
                            .score(
                                    new ScoringInput(
                                            r.question(),
                                            r.reference(),
                                            r.objects(),
                                            text,
                                            rec.path("finish_reason").asText(null)));
            int sample = rec.path("sample").asInt(0);
            List<String> readings =
                    SAMPLE_READINGS.computeIfAbsent(
                            r.id() + " " + endpoint, k -> new ArrayList<>());
            while (readings.size() <= sample) {
                readings.add(null);
            }
            readings.set(sample, v.reading());
            if (sample > 0) {
                continue; // the repeated samples of a case with "repeats"
            }
            VERDICTS.computeIfAbsent(r.id(), k -> new LinkedHashMap<>()).put(endpoint, v);
            TEXTS.put(r.id() + " " + endpoint, text);
        }
    }

    static List<String> lines(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve(name), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    static Verdict verdict(String id, String endpoint) {
        assertThat(VERDICTS).containsKey(id);
        Verdict v = VERDICTS.get(id).get(endpoint);
        assertThat(v).as(id + " " + endpoint + " recorded").isNotNull();
        return v;
    }

    static String describe(String id, String endpoint) {
        return id
                + " "
                + endpoint
                + ": "
                + TEXTS.get(id + " " + endpoint)
                + " → "
                + verdict(id, endpoint);
    }

    // ---------------------------------------------------------------- the requests

    @Test
    void casesAreValidRequestsInEnoughLanguagesAndCategories() {
        assertThat(CASES.size()).isBetween(40, 56);
        long chinese =
                CASES.values().stream().filter(c -> c.request().lang().startsWith("zh")).count();
        assertThat(chinese).as("Chinese cases").isGreaterThanOrEqualTo(12);
        Map<String, Integer> perCategory = new TreeMap<>();
        Set<Instant> times = new HashSet<>();
        for (Case c : CASES.values()) {
            EvalRequest r = c.request();
            assertThat(r.question()).as(r.id()).isNotBlank();
            assertThat(r.ts()).as(r.id() + " has a fixed ts").isNotNull();
            assertThat(times.add(r.ts())).as(r.id() + " ts unique").isTrue();
            assertThat(r.lang()).as(r.id()).isIn("en", "zh");
            assertThat(r.category()).as(r.id()).matches("[a-z][a-z-]*");
            assertThat(c.json().path("image").path("path").asText())
                    .as(r.id())
                    .startsWith("images/");
            perCategory.merge(r.category(), 1, Integer::sum);
        }
        assertThat(perCategory.size()).as("categories " + perCategory).isBetween(8, 10);
        assertThat(perCategory.values())
                .as("cases per category " + perCategory)
                .allMatch(k -> k >= 3);
    }

    @Test
    void everyImageExistsAndIsASmallPng() throws IOException {
        for (Case c : CASES.values()) {
            Path image = DIR.resolve(c.json().path("image").path("path").asText());
            assertThat(image).as(c.request().id()).isRegularFile();
            assertThat(Files.size(image)).as(image.toString()).isLessThanOrEqualTo(60 * 1024);
            try (InputStream in = Files.newInputStream(image)) {
                assertThat(in.readNBytes(8)).as(image + " is a PNG").isEqualTo(PNG_MAGIC);
            }
        }
    }

    // ---------------------------------------------------------------- the recordings

    @Test
    void recordingsAreOnePerCaseAndEndpoint() {
        Set<String> seen = new HashSet<>();
        for (JsonNode rec : RECORDINGS) {
            String key =
                    rec.path("request_id").asText()
                            + " "
                            + rec.path("endpoint").asText()
                            + " #"
                            + rec.path("sample").asInt(0);
            assertThat(CASES).as(key).containsKey(rec.path("request_id").asText());
            Integer repeats = CASES.get(rec.path("request_id").asText()).request().repeats();
            assertThat(rec.path("sample").asInt(0))
                    .as(key + " is one of the case's samples")
                    .isLessThan(repeats == null ? 1 : repeats);
            assertThat(ENDPOINTS).as(key).contains(rec.path("endpoint").asText());
            assertThat(seen.add(key)).as("duplicate " + key).isTrue();
            assertThat(rec.path("text").isTextual()).as(key).isTrue();
            assertThat(rec.path("finish_reason").asText()).as(key).isEqualTo("stop");
            for (String field : List.of("latency_ms", "input_tokens", "output_tokens")) {
                assertThat(rec.path(field).isIntegralNumber()).as(key + " " + field).isTrue();
                assertThat(rec.path(field).asLong()).as(key + " " + field).isPositive();
            }
        }
        int samples =
                CASES.values().stream()
                        .mapToInt(c -> c.request().repeats() == null ? 1 : c.request().repeats())
                        .sum();
        assertThat(RECORDINGS).hasSize(samples * ENDPOINTS.size());
    }

    @Test
    void endpointsFileNamesTheFourRecordedEndpoints() throws IOException {
        JsonNode yaml = new YAMLMapper().readTree(DIR.resolve("endpoints.yaml").toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode e : yaml.path("endpoints")) {
            names.add(e.path("name").asText());
            assertThat(e.path("protocol").asText()).isEqualTo("recorded");
            assertThat(e.path("recordings").asText()).isEqualTo("recordings.jsonl");
            assertThat(e.path("model").asText()).isNotBlank();
            assertThat(e.path("price_per_million_input_tokens").isNumber()).isTrue();
            assertThat(e.path("price_per_million_output_tokens").isNumber()).isTrue();
        }
        assertThat(names).containsExactlyElementsOf(ENDPOINTS);
    }

    // ---------------------------------------------------------------- the advertised behaviours

    @Test
    void theJudgeGradesEveryLlamaAnswerWithoutAReferenceAndNoQwenAnswer() throws Exception {
        Set<String> graded = new TreeSet<>();
        for (JsonNode g : GRADES) {
            String key = g.path("request_id").asText();
            assertThat(g.path("endpoint").asText()).as(key).isEqualTo(JUDGE);
            String id = key.substring(0, key.indexOf('/'));
            String answerer = key.substring(key.indexOf('/') + 1);
            assertThat(CASES).as(key).containsKey(id);
            assertThat(CASES.get(id).request().reference()).as(key).isNull();
            assertThat(LLAMAS)
                    .as(key + ": the judge never grades its own family")
                    .contains(answerer);
            // Every recorded verdict parses, as the job will read it.
            assertThat(
                            org.vlmeval.judges.JudgeReplyParser.grade(
                                            g.path("text").asText(), "stop")
                                    .verdict())
                    .as(key)
                    .isNotNull();
            assertThat(graded.add(key)).as("duplicate " + key).isTrue();
        }
        Set<String> wanted = new TreeSet<>();
        for (Case c : CASES.values()) {
            if (c.request().reference() == null) {
                for (String llama : LLAMAS) {
                    if (!verdict(c.request().id(), llama).refusal()) {
                        wanted.add(c.request().id() + "/" + llama);
                    }
                }
            }
        }
        assertThat(graded).isEqualTo(wanted).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void labelsGiveTwoUnreferencedCasesTheirAnswerKeyLater() throws Exception {
        List<String> labelled = new ArrayList<>();
        for (String line : lines("labels.jsonl")) {
            JsonNode label = JsonCodec.readObject(line);
            String id = label.path("request_id").asText();
            assertThat(CASES).containsKey(id);
            assertThat(CASES.get(id).request().reference()).as(id).isNull();
            assertThat(Instant.parse(label.path("ts").asText()))
                    .as(id + ": hours after the case")
                    .isAfter(CASES.get(id).request().ts().plus(java.time.Duration.ofHours(1)));
            labelled.add(id);
        }
        assertThat(labelled).containsExactly("scene-under-bench", "street-holding");
    }

    @Test
    void llama90bCountsSixKindsOfFruitThenSeven() {
        assertThat(verdict("fruit-kinds", "llama-3.2-90b-vision").correct())
                .as(describe("fruit-kinds", "llama-3.2-90b-vision"))
                .isFalse();
        assertThat(verdict("fruit-kinds-again", "llama-3.2-90b-vision").correct())
                .as(describe("fruit-kinds-again", "llama-3.2-90b-vision"))
                .isTrue();
    }

    @Test
    void askedThreeTimesLlama90bWaversBetweenSixAndSevenAndTheQwensDoNot() {
        assertThat(SAMPLE_READINGS.get("fruit-kinds llama-3.2-90b-vision"))
                .containsExactly("number:6", Verdict.CORRECT_READING, "number:6");
        assertThat(SAMPLE_READINGS.get("fruit-smallest llama-3.2-11b-vision"))
                .as("the 11B's smallest fruit: lemon, grape, lemon")
                .containsExactly(
                        "text:smallest fruit is lemon", "correct", "text:smallest fruit is lemon");
        for (String qwen : QWENS) {
            for (String id : List.of("fruit-kinds", "fruit-smallest")) {
                assertThat(SAMPLE_READINGS.get(id + " " + qwen))
                        .as(id + " " + qwen)
                        .containsExactly("correct", "correct", "correct");
            }
        }
    }

    @Test
    void llama11bSwapsSmallestAndSourest() {
        for (String id : List.of("fruit-smallest", "fruit-sourest", "fruit-smallest-zh")) {
            assertThat(verdict(id, "llama-3.2-11b-vision").correct())
                    .as(describe(id, "llama-3.2-11b-vision"))
                    .isFalse();
        }
        assertThat(TEXTS.get("fruit-smallest llama-3.2-11b-vision")).containsIgnoringCase("lemon");
        assertThat(TEXTS.get("fruit-sourest llama-3.2-11b-vision")).containsIgnoringCase("grape");
        for (String id : List.of("fruit-smallest", "fruit-sourest")) {
            for (String q : QWENS) {
                assertThat(verdict(id, q).correct()).as(describe(id, q)).isTrue();
            }
        }
    }

    @Test
    void onlyTheLlamasRefuseTheCaptchaAndThePageCopy() {
        for (String id :
                List.of(
                        "captcha-tomatoes",
                        "captcha-tomatoes-zh",
                        "web-copy-html",
                        "web-copy-html-zh")) {
            for (String llama : LLAMAS) {
                assertThat(verdict(id, llama).refusal()).as(describe(id, llama)).isTrue();
            }
            for (String qwen : QWENS) {
                assertThat(verdict(id, qwen).refusal()).as(describe(id, qwen)).isFalse();
            }
        }
        for (String id : List.of("web-copy-html", "web-copy-html-zh", "captcha-tomatoes-zh")) {
            for (String qwen : QWENS) {
                assertThat(verdict(id, qwen).correct()).as(describe(id, qwen)).isTrue();
            }
        }
        // Refusals are Llama's only: no Qwen answer anywhere is one.
        VERDICTS.forEach(
                (id, byEndpoint) -> {
                    for (String qwen : QWENS) {
                        assertThat(byEndpoint.get(qwen).refusal()).as(describe(id, qwen)).isFalse();
                    }
                });
    }

    @Test
    void theEggplantInTheTomatoGridIsAHallucination() {
        assertThat(CASES.get("captcha-items").request().objects()).doesNotContain("eggplant");
        Verdict v = verdict("captcha-items", "qwen2-vl-7b");
        assertThat(v.hallucination()).as(describe("captcha-items", "qwen2-vl-7b")).isTrue();
        assertThat(v.hallucinatedObjects()).containsExactly("eggplant");
        assertThat(v.correct()).isFalse();
    }

    @Test
    void anInventedWatermarkIsWrongAndHallucinatedAndAMisreadOneIsWrong() {
        assertThat(CASES.get("street-watermark").request().objects()).doesNotContain("watermark");
        Verdict invented = verdict("street-watermark", "llama-3.2-11b-vision");
        assertThat(invented.correct())
                .as(describe("street-watermark", "llama-3.2-11b-vision"))
                .isFalse();
        assertThat(invented.hallucinatedObjects()).containsExactly("watermark");
        for (String e : ENDPOINTS.subList(1, 4)) {
            Verdict v = verdict("street-watermark", e);
            assertThat(v.correct()).as(describe("street-watermark", e)).isTrue();
            assertThat(v.hallucination()).as(describe("street-watermark", e)).isFalse();
        }
        // The real 699pic.com watermark: 90B misreads it, 72B reads it.
        assertThat(CASES.get("scene-watermark").request().objects()).contains("watermark");
        Verdict misread = verdict("scene-watermark", "llama-3.2-90b-vision");
        assertThat(misread.correct())
                .as(describe("scene-watermark", "llama-3.2-90b-vision"))
                .isFalse();
        assertThat(misread.hallucination()).isFalse();
        assertThat(verdict("scene-watermark", "qwen2-vl-72b").correct()).isTrue();
    }

    @Test
    void everyEndpointReadsTheHandwriting() {
        List<String> ids =
                CASES.values().stream()
                        .filter(c -> c.request().category().equals("handwriting"))
                        .map(c -> c.request().id())
                        .toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
        for (String id : ids) {
            for (String e : ENDPOINTS) {
                assertThat(verdict(id, e).correct()).as(describe(id, e)).isTrue();
            }
        }
    }

    @Test
    void qwenAnswersTheChineseCasesBetterThanLlama() {
        Map<String, double[]> zh = accuracy(c -> c.request().lang().startsWith("zh"));
        assertThat(zh.get("qwen2-vl-72b")[0]).isGreaterThan(zh.get("llama-3.2-90b-vision")[0]);
        assertThat(zh.get("qwen2-vl-7b")[0]).isGreaterThan(zh.get("llama-3.2-11b-vision")[0]);
    }

    @Test
    void theOverallStoryAndItsNumbers() {
        Map<String, double[]> all = accuracy(c -> true);
        Map<String, double[]> zh = accuracy(c -> c.request().lang().startsWith("zh"));
        Map<String, double[]> en = accuracy(c -> c.request().lang().equals("en"));
        System.out.println("seed corpus: " + CASES.size() + " cases");
        System.out.printf(
                "%-22s %-18s %-8s %-8s %-18s %s%n",
                "endpoint", "accuracy", "en", "zh", "refusals", "hallucinations");
        for (String e : ENDPOINTS) {
            double[] a = all.get(e);
            System.out.printf(
                    "%-22s %2.0f/%2.0f = %5.1f%%   %5.1f%%   %5.1f%%   %2.0f/%2.0f = %5.1f%%   %2.0f/%2.0f = %5.1f%%%n",
                    e,
                    a[1],
                    a[2],
                    100 * a[0],
                    100 * en.get(e)[0],
                    100 * zh.get(e)[0],
                    a[3],
                    a[4],
                    100 * a[3] / a[4],
                    a[5],
                    a[6],
                    100 * a[5] / a[6]);
        }
        Map<String, Map<String, double[]>> byCategory = new TreeMap<>();
        for (Case c : CASES.values()) {
            byCategory.computeIfAbsent(
                    c.request().category(),
                    cat -> accuracy(x -> x.request().category().equals(cat)));
        }
        System.out.printf("%-13s", "category");
        ENDPOINTS.forEach(e -> System.out.printf(" %22s", e));
        System.out.println();
        byCategory.forEach(
                (cat, acc) -> {
                    System.out.printf("%-13s", cat);
                    ENDPOINTS.forEach(
                            e ->
                                    System.out.printf(
                                            " %14.0f/%.0f %5.0f%%",
                                            acc.get(e)[1], acc.get(e)[2], 100 * acc.get(e)[0]));
                    System.out.println();
                });
        VERDICTS.forEach(
                (id, byEndpoint) ->
                        byEndpoint.forEach(
                                (e, v) ->
                                        System.out.printf(
                                                "%-22s %-22s %-5s %-7s %-14s %s%n",
                                                id,
                                                e,
                                                v.correct(),
                                                v.refusal() ? "refusal" : "",
                                                v.hallucinatedObjects().isEmpty()
                                                        ? ""
                                                        : v.hallucinatedObjects().toString(),
                                                v.explanation())));

        // The story: Qwen2-VL-72B best, Llama 3.2 11B weakest; refusals only by Llama;
        // hallucinations in each.
        assertThat(all.get("qwen2-vl-72b")[0])
                .isGreaterThan(
                        Arrays.stream(new String[] {"qwen2-vl-7b", "llama-3.2-90b-vision"})
                                .mapToDouble(e -> all.get(e)[0])
                                .max()
                                .orElseThrow());
        assertThat(all.get("llama-3.2-11b-vision")[0])
                .isLessThan(
                        Arrays.stream(new String[] {"qwen2-vl-7b", "llama-3.2-90b-vision"})
                                .mapToDouble(e -> all.get(e)[0])
                                .min()
                                .orElseThrow());
        for (String e : ENDPOINTS) {
            assertThat(all.get(e)[5]).as(e + " hallucinates somewhere").isPositive();
        }
    }

    /**
     * Per endpoint: {accuracy, correct, scored, refusals, answers, hallucinations, answers with
     * objects} over the cases the filter accepts.
     */
    static Map<String, double[]> accuracy(java.util.function.Predicate<Case> filter) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String e : ENDPOINTS) {
            double[] a = new double[7];
            for (Case c : CASES.values()) {
                if (!filter.test(c)) {
                    continue;
                }
                Verdict v = verdict(c.request().id(), e);
                if (v.correct() != null) {
                    a[2]++;
                    a[1] += v.correct() ? 1 : 0;
                }
                a[4]++;
                a[3] += v.refusal() ? 1 : 0;
                if (v.hallucination() != null) {
                    a[6]++;
                    a[5] += v.hallucination() ? 1 : 0;
                }
            }
            a[0] = a[2] == 0 ? 0 : a[1] / a[2];
            out.put(e, a);
        }
        return out;
    }
}
