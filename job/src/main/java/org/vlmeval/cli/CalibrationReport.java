package org.vlmeval.cli;

import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.judges.Calibration;
import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints {@link Calibration} results for people (text) or programs (one JSON object). */
final class CalibrationReport {

    private CalibrationReport() {}

    static String text(JudgeConfig judge, Calibration.GradeResult r) {
        StringBuilder out = new StringBuilder();
        header(out, judge, "grade", r.promptVersions());
        out.append(
                String.format(
                        Locale.ROOT,
                        "answers: %d judged, %s, %d without reference%n",
                        r.all().total(),
                        notJudged(r.skipped(), r.errors()),
                        r.withoutReference()));
        out.append(
                String.format(
                        Locale.ROOT,
                        "accuracy %s (%d/%d)   Cohen's kappa %s   (a judge's unsure counts as"
                                + " disagreement)%n",
                        number(r.all().accuracy()),
                        r.all().agreements(),
                        r.all().total(),
                        number(r.all().kappa())));
        out.append(
                String.format(
                        Locale.ROOT,
                        "decided only (%d, unsure left out): accuracy %s   kappa %s%n",
                        r.decided().total(),
                        number(r.decided().accuracy()),
                        number(r.decided().kappa())));
        out.append("confusion (rows: judge, columns: truth = scorer against the reference)\n");
        out.append(String.format(Locale.ROOT, "%-12s %9s %9s%n", "", "correct", "incorrect"));
        for (String said : Calibration.VERDICTS) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-12s %9d %9d%n",
                            said,
                            r.all().count(said, "correct"),
                            r.all().count(said, "incorrect")));
        }
        return out.toString();
    }

    static String text(JudgeConfig judge, Calibration.ObjectsResult r) {
        StringBuilder out = new StringBuilder();
        header(out, judge, "objects", r.promptVersions());
        out.append(
                String.format(
                        Locale.ROOT,
                        "images: %d listed (%d calls, %d reused), %s%n",
                        r.images(),
                        r.calls(),
                        r.images() - r.calls(),
                        notJudged(r.skipped(), r.errors())));
        out.append(
                String.format(
                        Locale.ROOT,
                        "judge's lists vs labels: precision %s (%d/%d)   recall %s (%d/%d)%n",
                        number(r.precision()),
                        r.truePositives(),
                        r.judgeListed(),
                        number(r.recall()),
                        r.truePositives(),
                        r.labelled()));
        out.append(
                String.format(
                        Locale.ROOT,
                        "hallucination rate of %d answers: %s with the labels (%d), %s with the"
                                + " judge's lists (%d)%n",
                        r.answers(),
                        rate(r.hallucinationsByLabels(), r.answers()),
                        r.hallucinationsByLabels(),
                        rate(r.hallucinationsByJudge(), r.answers()),
                        r.hallucinationsByJudge()));
        out.append(
                String.format(
                        Locale.ROOT,
                        "per answer: agreement %s   Cohen's kappa %s%n",
                        number(r.agreement().accuracy()),
                        number(r.agreement().kappa())));
        return out.toString();
    }

    static String json(JudgeConfig judge, Calibration.GradeResult r) {
        ObjectNode o = base(judge, "grade", r.promptVersions());
        o.put("judged", r.all().total());
        o.put("without_reference", r.withoutReference());
        o.set("skipped", JsonCodec.MAPPER.valueToTree(names(r.skipped())));
        o.set("errors", JsonCodec.MAPPER.valueToTree(names(r.errors())));
        putNumber(o, "accuracy", r.all().accuracy());
        putNumber(o, "kappa", r.all().kappa());
        o.put("decided", r.decided().total());
        putNumber(o, "accuracy_decided", r.decided().accuracy());
        putNumber(o, "kappa_decided", r.decided().kappa());
        ObjectNode confusion = o.putObject("confusion");
        for (String said : Calibration.VERDICTS) {
            ObjectNode row = confusion.putObject(said);
            for (String truth : List.of("correct", "incorrect")) {
                row.put(truth, r.all().count(said, truth));
            }
        }
        return o.toString() + "\n";
    }

    static String json(JudgeConfig judge, Calibration.ObjectsResult r) {
        ObjectNode o = base(judge, "objects", r.promptVersions());
        o.put("images", r.images());
        o.put("calls", r.calls());
        o.set("skipped", JsonCodec.MAPPER.valueToTree(names(r.skipped())));
        o.set("errors", JsonCodec.MAPPER.valueToTree(names(r.errors())));
        putNumber(o, "precision", r.precision());
        putNumber(o, "recall", r.recall());
        o.put("answers", r.answers());
        o.put("hallucinations_by_labels", r.hallucinationsByLabels());
        o.put("hallucinations_by_judge", r.hallucinationsByJudge());
        putNumber(o, "agreement", r.agreement().accuracy());
        putNumber(o, "kappa", r.agreement().kappa());
        return o.toString() + "\n";
    }

    private static void header(
            StringBuilder out, JudgeConfig judge, String task, java.util.Set<String> prompts) {
        out.append(
                String.format(
                        Locale.ROOT,
                        "judge %s (endpoint %s), task %s, prompts %s%n",
                        judge.name(),
                        judge.endpoint(),
                        task,
                        prompts.isEmpty() ? "-" : String.join(", ", prompts)));
    }

    private static ObjectNode base(JudgeConfig judge, String task, java.util.Set<String> prompts) {
        ObjectNode o = JsonCodec.MAPPER.createObjectNode();
        o.put("judge", judge.name());
        o.put("endpoint", judge.endpoint());
        o.put("task", task);
        o.set("prompt_versions", JsonCodec.MAPPER.valueToTree(prompts));
        return o;
    }

    private static void putNumber(ObjectNode o, String field, double value) {
        if (Double.isNaN(value)) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String rate(long count, long total) {
        return total == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", (double) count / total);
    }

    /** "2 skipped (self_judging: 2), 1 judge errors (no_json: 1)". */
    private static String notJudged(
            Map<? extends Enum<?>, Long> skipped, Map<? extends Enum<?>, Long> errors) {
        return sum(skipped)
                + " skipped"
                + counts(skipped)
                + ", "
                + sum(errors)
                + " judge errors"
                + counts(errors);
    }

    private static long sum(Map<? extends Enum<?>, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String counts(Map<? extends Enum<?>, Long> counts) {
        return counts.isEmpty()
                ? ""
                : names(counts).entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ", " (", ")"));
    }

    /** Counts by the enum's JSON name (lower case), in declaration order. */
    private static Map<String, Long> names(Map<? extends Enum<?>, Long> counts) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k.name().toLowerCase(Locale.ROOT), v));
        return out;
    }
}
