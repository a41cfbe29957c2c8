package org.vlmeval.scoring.refusal;

import org.vlmeval.scoring.text.Csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures {@link RefusalDetector} on the human-labelled XSTest completions (columns {@code model,
 * id, type, prompt, completion, annotation_1, annotation_2, agreement, final_label}). Refusal means
 * {@code final_label} is {@code 2_full_refusal} or {@code 3_partial_refusal}. Only the completion
 * is shown to the detector, never the prompt.
 */
public final class XsTestEvaluation {

    static final String FULL_REFUSAL = "2_full_refusal";
    static final String PARTIAL_REFUSAL = "3_partial_refusal";
    static final String COMPLIANCE = "1_full_compliance";

    private XsTestEvaluation() {}

    /** Confusion counts for one slice of the data. */
    public record Counts(int tp, int fp, int fn, int tn) {

        Counts add(boolean actual, boolean predicted) {
            return new Counts(
                    tp + (actual && predicted ? 1 : 0),
                    fp + (!actual && predicted ? 1 : 0),
                    fn + (actual && !predicted ? 1 : 0),
                    tn + (!actual && !predicted ? 1 : 0));
        }

        public int total() {
            return tp + fp + fn + tn;
        }

        public double precision() {
            return ratio(tp, tp + fp);
        }

        public double recall() {
            return ratio(tp, tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double accuracy() {
            return ratio(tp + tn, total());
        }
    }

    /**
     * A row the detector got wrong.
     *
     * @param rule the rule that decided (for a false positive), or empty
     */
    public record Miss(
            String model, String id, String label, boolean predicted, String rule, String cue) {}

    /** How often a rule decided on a refusal, rightly and wrongly. */
    public record RuleHits(int right, int wrong) {}

    /**
     * The figures of one evaluation.
     *
     * @param overall counts over all rows
     * @param fullRefusals rows labelled full refusal, and how many of them were detected
     * @param fullDetected detected full refusals
     * @param partialRefusals rows labelled partial refusal
     * @param partialDetected detected partial refusals
     * @param perModel counts per value of the {@code model} column, in name order
     * @param errors the misclassified rows (ids and cues only, no text)
     * @param perRule for each rule that decided a refusal (weak rules joined by "+"), how often it
     *     was right and wrong, in rule name order
     */
    public record Result(
            Counts overall,
            int fullRefusals,
            int fullDetected,
            int partialRefusals,
            int partialDetected,
            Map<String, Counts> perModel,
            List<Miss> errors,
            Map<String, RuleHits> perRule) {

        public Result {
            perModel = Collections.unmodifiableMap(new TreeMap<>(perModel));
            errors = List.copyOf(errors);
            perRule = Collections.unmodifiableMap(new TreeMap<>(perRule));
        }

        public int tp() {
            return overall.tp();
        }

        public int fp() {
            return overall.fp();
        }

        public int fn() {
            return overall.fn();
        }

        public int tn() {
            return overall.tn();
        }

        public double precision() {
            return overall.precision();
        }

        public double recall() {
            return overall.recall();
        }

        public double f1() {
            return overall.f1();
        }

        public double accuracy() {
            return overall.accuracy();
        }

        public double fullRefusalRecall() {
            return ratio(fullDetected, fullRefusals);
        }

        public double partialRefusalRecall() {
            return ratio(partialDetected, partialRefusals);
        }

        /** F1 per model, in model name order. */
        public Map<String, Double> perModelF1() {
            Map<String, Double> out = new TreeMap<>();
            perModel.forEach((model, counts) -> out.put(model, counts.f1()));
            return Collections.unmodifiableMap(out);
        }

        /** A readable multi-line report. */
        public String format() {
            StringBuilder out = new StringBuilder();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "XSTest refusal detection, %d completions%n",
                            overall.total()));
            out.append(
                    String.format(
                            Locale.ROOT, "  TP %d  FP %d  FN %d  TN %d%n", tp(), fp(), fn(), tn()));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  precision %.3f  recall %.3f  F1 %.3f  accuracy %.3f%n",
                            precision(),
                            recall(),
                            f1(),
                            accuracy()));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  recall on full refusals %.3f (%d/%d), on partial refusals %.3f"
                                    + " (%d/%d)%n",
                            fullRefusalRecall(),
                            fullDetected,
                            fullRefusals,
                            partialRefusalRecall(),
                            partialDetected,
                            partialRefusals));
            out.append("  per model:\n");
            perModel.forEach(
                    (model, c) ->
                            out.append(
                                    String.format(
                                            Locale.ROOT,
                                            "    %-16s F1 %.3f  P %.3f  R %.3f  (TP %d FP %d FN"
                                                    + " %d TN %d)%n",
                                            model,
                                            c.f1(),
                                            c.precision(),
                                            c.recall(),
                                            c.tp(),
                                            c.fp(),
                                            c.fn(),
                                            c.tn())));
            return out.toString();
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /** Reads the CSV at {@code csv} (UTF-8, with header) and scores the default detector. */
    public static Result evaluate(Path csv) {
        return evaluate(csv, RefusalDetector.create());
    }

    /** Reads the CSV at {@code csv} (UTF-8, with header) and scores {@code detector}. */
    public static Result evaluate(Path csv, RefusalDetector detector) {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return evaluate(Csv.parse(in), detector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Scores {@code detector} on parsed rows, the first of which is the header.
     *
     * @throws IllegalArgumentException when a needed column is missing or a label is unknown
     */
    public static Result evaluate(List<List<String>> rows, RefusalDetector detector) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty CSV: no header");
        }
        List<String> header = rows.get(0);
        int model = column(header, "model");
        int id = column(header, "id");
        int completion = column(header, "completion");
        int label = column(header, "final_label");
        Counts overall = new Counts(0, 0, 0, 0);
        Map<String, Counts> perModel = new TreeMap<>();
        int full = 0;
        int fullHit = 0;
        int partial = 0;
        int partialHit = 0;
        List<Miss> errors = new ArrayList<>();
        Map<String, RuleHits> perRule = new TreeMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() <= Math.max(Math.max(model, id), Math.max(completion, label))) {
                throw new IllegalArgumentException("short row: " + row.size() + " fields");
            }
            String gold = row.get(label).strip();
            boolean actual =
                    switch (gold) {
                        case FULL_REFUSAL, PARTIAL_REFUSAL -> true;
                        case COMPLIANCE -> false;
                        default -> throw new IllegalArgumentException("unknown label: " + gold);
                    };
            String text = row.get(completion);
            RefusalDetector.Decision decision = text.isBlank() ? null : detector.decide(text);
            boolean predicted = decision != null;
            String rule = predicted ? decision.rule() : "";
            if (predicted) {
                perRule.merge(
                        rule,
                        new RuleHits(actual ? 1 : 0, actual ? 0 : 1),
                        (a, b) -> new RuleHits(a.right() + b.right(), a.wrong() + b.wrong()));
            }
            overall = overall.add(actual, predicted);
            perModel.merge(
                    row.get(model),
                    new Counts(0, 0, 0, 0).add(actual, predicted),
                    (a, b) ->
                            new Counts(
                                    a.tp() + b.tp(),
                                    a.fp() + b.fp(),
                                    a.fn() + b.fn(),
                                    a.tn() + b.tn()));
            if (gold.equals(FULL_REFUSAL)) {
                full++;
                fullHit += predicted ? 1 : 0;
            } else if (gold.equals(PARTIAL_REFUSAL)) {
                partial++;
                partialHit += predicted ? 1 : 0;
            }
            if (actual != predicted) {
                String cue = predicted ? detector.detect(text, null).cue() : "";
                errors.add(new Miss(row.get(model), row.get(id), gold, predicted, rule, cue));
            }
        }
        return new Result(overall, full, fullHit, partial, partialHit, perModel, errors, perRule);
    }

    private static int column(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().replace("\uFEFF", "").equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("missing column: " + name);
    }

    private static double ratio(int num, int den) {
        return den == 0 ? 0 : (double) num / den;
    }
}
