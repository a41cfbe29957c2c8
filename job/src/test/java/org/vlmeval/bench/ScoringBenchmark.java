package org.vlmeval.bench;

import org.vlmeval.scoring.Scorer;
import org.vlmeval.scoring.ScoringInput;
import org.vlmeval.scoring.Verdict;
import org.vlmeval.scoring.hallucination.HallucinationDetector;
import org.vlmeval.scoring.hallucination.ObjectMentions;
import org.vlmeval.scoring.reference.AnlsReference;
import org.vlmeval.scoring.reference.ChoiceReference;
import org.vlmeval.scoring.reference.ExactReference;
import org.vlmeval.scoring.reference.NumericReference;
import org.vlmeval.scoring.reference.SetReference;
import org.vlmeval.scoring.reference.TableReference;
import org.vlmeval.scoring.reference.VqaReference;
import org.vlmeval.scoring.refusal.Refusal;
import org.vlmeval.scoring.refusal.RefusalDetector;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scoring throughput: how many answers per second one core scores. Run it with {@code mvn -pl job
 * -am -Pbench test} (see docs/performance.md); it is not part of the test suite.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ScoringBenchmark {

    private static final List<String> FRUIT =
            List.of("apple", "banana", "orange", "grape", "lemon", "pear", "strawberry");

    /** A realistic mix: short and long answers, every reference type, English and Chinese. */
    static final List<ScoringInput> MIX =
            List.of(
                    new ScoringInput(
                            "How many kcal are in 5 pieces?",
                            new NumericReference(100, 0),
                            null,
                            "Each piece contains 20 kcal. So 5 pieces contain 5 × 20 = 100 kcal.",
                            "stop"),
                    new ScoringInput(
                            "篮子里有几种水果？",
                            new NumericReference(7, 0),
                            List.of("苹果", "香蕉", "橙子", "葡萄", "柠檬", "梨", "草莓"),
                            "篮子里共有七种水果：苹果、香蕉、橙子、葡萄、柠檬、梨和草莓。",
                            "stop"),
                    new ScoringInput(
                            "Which fruit is the smallest?",
                            new ExactReference(List.of("grape")),
                            FRUIT,
                            "The smallest fruit in the basket is the grape, next to the lemon and the pear.",
                            "stop"),
                    new ScoringInput(
                            "What colour is the umbrella?",
                            new ChoiceReference("B", Map.of("A", "red", "B", "blue", "C", "green")),
                            null,
                            "The answer is (B) blue.",
                            "stop"),
                    new ScoringInput(
                            "What does the sign say?",
                            new VqaReference(
                                    List.of(
                                            "open",
                                            "open",
                                            "open",
                                            "open",
                                            "open",
                                            "open",
                                            "open 24 hours",
                                            "open 24 hours",
                                            "24 hours",
                                            "open")),
                            null,
                            "Open.",
                            "stop"),
                    new ScoringInput(
                            "Transcribe the note.",
                            new AnlsReference(List.of("Meet me at the station at 6pm"), 0.5),
                            null,
                            "Meet me at the statiom at 6pm",
                            "stop"),
                    new ScoringInput(
                            "Which fruits are in the basket?",
                            new SetReference(FRUIT),
                            FRUIT,
                            "I can see apples, bananas, oranges, grapes, lemons, pears and a kiwi.",
                            "stop"),
                    new ScoringInput(
                            "Convert the table to CSV.",
                            TableReference.of(
                                    "model,MMMU,DocVQA\nLlama 3.2 11B,50.7,88.4\nQwen2-VL 7B,54.1,94.5\n"),
                            null,
                            "| model | MMMU | DocVQA |\n|---|---|---|\n| Llama 3.2 11B | 50.7 | 88.4 |\n| Qwen2-VL 7B | 54.1 | 94.5 |",
                            "stop"),
                    new ScoringInput(
                            "Select every tile with tomatoes.",
                            new SetReference(List.of("top left", "bottom right")),
                            List.of("tomato", "pepper"),
                            "I'm sorry, but I can't help with solving CAPTCHAs. I can describe the image instead.",
                            "stop"),
                    new ScoringInput(
                            "Describe the scene.",
                            null,
                            List.of("tree", "bench", "person", "dog"),
                            longAnswer(),
                            "stop"));

    private final Scorer scorer = Scorer.standard();
    private final RefusalDetector refusals = RefusalDetector.create();
    private final HallucinationDetector hallucinations = HallucinationDetector.create();
    private final String longAnswer = longAnswer();
    private int next;

    /** One answer of the mix per call; the mix is cycled so every type is measured. */
    @Benchmark
    public Verdict scoreMixedAnswer() {
        ScoringInput in = MIX.get(next);
        next = (next + 1) % MIX.size();
        return scorer.score(in);
    }

    /**
     * Refusal detection on a 1.3 KB answer that is not a refusal (the slow path: every rule runs).
     */
    @Benchmark
    public Refusal refusalOnLongAnswer() {
        return refusals.detect(longAnswer, "stop");
    }

    /** Object mentions in a 1.3 KB answer. */
    @Benchmark
    public ObjectMentions hallucinationOnLongAnswer() {
        return hallucinations.detect(longAnswer, List.of("tree", "bench", "person", "dog"));
    }

    private static String longAnswer() {
        return "The photograph shows a quiet park in the late afternoon. In the foreground there is a wooden bench"
                + " under a large tree, and a person is sitting on it reading a book. A small dog lies at their feet."
                + " Behind the bench, a path curves towards a pond where two ducks are swimming. On the far side of"
                + " the pond there are more trees, some with yellow leaves, and a lamp post. I can't be certain, but"
                + " there seems to be a bicycle leaning against one of the trees. There is no car in the picture, and"
                + " no other people are visible. The sky is partly cloudy. In the lower right corner there is a faint"
                + " watermark. Overall the scene is calm: the person looks relaxed, the dog is asleep, and the light"
                + " is warm. If you want, I can describe the colours in more detail or estimate the time of day from"
                + " the shadows. The bench has a small plaque that reads \"In memory of a friend who loved this park\"."
                + " Next to the bench there is a trash can and a few fallen leaves on the ground.";
    }
}
