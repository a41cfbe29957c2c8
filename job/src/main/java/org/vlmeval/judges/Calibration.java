package org.vlmeval.judges;

import org.vlmeval.metrics.Agreement;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.RecordedResponse;
import org.vlmeval.scoring.Scorer;
import org.vlmeval.scoring.Verdict;
import org.vlmeval.scoring.hallucination.HallucinationDetector;
import org.vlmeval.scoring.hallucination.ObjectVocabulary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Measures a judge against a labelled corpus, where the truth is known: for {@code grade}, our
 * deterministic scorer's verdict against each request's reference; for {@code objects}, each
 * request's labelled {@code objects}. What {@code vlm-eval calibrate} prints.
 */
public final class Calibration {

    /** Rows of the grade table: what the judge said. */
    public static final List<String> VERDICTS = List.of("correct", "incorrect", "unsure");

    private Calibration() {}

    /**
     * How a judge's grades agree with the scorer's.
     *
     * @param all every judged answer; the truth is never {@code unsure}, so a judge's {@code
     *     unsure} counts as a disagreement here
     * @param decided the answers the judge called correct or incorrect
     * @param skipped answers not judged, by reason (e.g. the judge's own family)
     * @param errors judge errors by kind (never counted as verdicts)
     * @param withoutReference answers skipped because their request has no reference
     * @param promptVersions the prompts used
     */
    public record GradeResult(
            Agreement all,
            Agreement decided,
            Map<SkipReason, Long> skipped,
            Map<JudgeErrorKind, Long> errors,
            long withoutReference,
            Set<String> promptVersions) {}

    /**
     * How a judge's object lists compare with the labels, and what hallucination rate each gives.
     *
     * @param images requests whose image got a list from the judge
     * @param calls of which paid for (the others reused a list of the same image)
     * @param truePositives objects both the judge and the labels list (by canonical name)
     * @param judgeListed objects the judge listed, over all judged images
     * @param labelled objects the labels list, over all judged images
     * @param answers recorded answers checked for hallucinations with both lists
     * @param hallucinationsByLabels answers with a hallucination against the labels
     * @param hallucinationsByJudge answers with a hallucination against the judge's list
     * @param agreement per answer: hallucinated by the judge's list (rows) vs by the labels
     * @param skipped requests or answers not judged, by reason
     * @param errors judge errors by kind
     */
    public record ObjectsResult(
            long images,
            long calls,
            long truePositives,
            long judgeListed,
            long labelled,
            long answers,
            long hallucinationsByLabels,
            long hallucinationsByJudge,
            Agreement agreement,
            Map<SkipReason, Long> skipped,
            Map<JudgeErrorKind, Long> errors,
            Set<String> promptVersions) {

        public double precision() {
            return judgeListed == 0 ? Double.NaN : (double) truePositives / judgeListed;
        }

        public double recall() {
            return labelled == 0 ? Double.NaN : (double) truePositives / labelled;
        }
    }

    /** Grades every answer that has a reference; waits for all. */
    public static GradeResult grade(Judge judge, List<RecordedResponse> answers, Scorer scorer) {
        List<CompletableFuture<JudgeOutcome>> pending = new ArrayList<>();
        List<String> truths = new ArrayList<>();
        long withoutReference = 0;
        for (RecordedResponse r : answers) {
            Verdict truth = scorer.score(r.scoringInput());
            if (truth.correct() == null) {
                withoutReference++;
                continue;
            }
            truths.add(truth.correct() ? "correct" : "incorrect");
            EvalRequest q = r.request();
            pending.add(
                    judge.grade(
                            new GradeRequest(
                                    q.id(), q.image(), q.question(), r.text(), r.model(), null)));
        }
        Agreement all = Agreement.empty(VERDICTS);
        Agreement decided = Agreement.empty(VERDICTS);
        Tally tally = new Tally();
        for (int i = 0; i < pending.size(); i++) {
            JudgeOutcome o = pending.get(i).join();
            Judgement j = tally.count(o);
            if (j == null || !j.ok()) {
                continue;
            }
            String said = j.verdict().jsonName();
            all = all.add(said, truths.get(i));
            if (j.verdict() != JudgeVerdict.UNSURE) {
                decided = decided.add(said, truths.get(i));
            }
        }
        return new GradeResult(
                all, decided, tally.skipped, tally.errors, withoutReference, tally.prompts);
    }

    /**
     * Lists the objects of every request with labelled {@code objects} and an image, then checks
     * each recorded answer to those requests for hallucinations against both lists.
     */
    public static ObjectsResult objects(
            Judge judge,
            List<EvalRequest> requests,
            List<RecordedResponse> answers,
            HallucinationDetector detector,
            ObjectVocabulary vocabulary) {
        Map<String, EvalRequest> labelled = new LinkedHashMap<>();
        for (EvalRequest q : requests) {
            if (q.objects() != null && q.image() != null) {
                labelled.putIfAbsent(q.id(), q);
            }
        }
        Map<String, CompletableFuture<JudgeOutcome>> pending = new LinkedHashMap<>();
        labelled.forEach(
                (id, q) ->
                        pending.put(
                                id,
                                judge.objects(new ObjectsRequest(id, q.image(), q.question()))));
        Tally tally = new Tally();
        Map<String, List<String>> judged = new LinkedHashMap<>();
        long calls = 0;
        long tp = 0;
        long listed = 0;
        long truth = 0;
        for (Map.Entry<String, CompletableFuture<JudgeOutcome>> e : pending.entrySet()) {
            Judgement j = tally.count(e.getValue().join());
            if (j == null || !j.ok()) {
                continue;
            }
            judged.put(e.getKey(), j.objects());
            calls += j.reused() ? 0 : 1;
            Set<String> mine = canonical(j.objects(), vocabulary);
            Set<String> labels = canonical(labelled.get(e.getKey()).objects(), vocabulary);
            listed += mine.size();
            truth += labels.size();
            mine.retainAll(labels);
            tp += mine.size();
        }
        Agreement agreement = Agreement.empty(List.of("hallucination", "none"));
        long checked = 0;
        long byLabels = 0;
        long byJudge = 0;
        for (RecordedResponse r : answers) {
            List<String> list = judged.get(r.request().id());
            if (list == null || r.request().objects() == null) {
                continue;
            }
            if (!judge.mayJudge(r.model(), null)) {
                tally.skipped.merge(SkipReason.SELF_JUDGING, 1L, Long::sum);
                continue;
            }
            boolean h1 = !detector.detect(r.text(), r.request().objects()).hallucinated().isEmpty();
            boolean h2 = !detector.detect(r.text(), list).hallucinated().isEmpty();
            checked++;
            byLabels += h1 ? 1 : 0;
            byJudge += h2 ? 1 : 0;
            agreement = agreement.add(h2 ? "hallucination" : "none", h1 ? "hallucination" : "none");
        }
        return new ObjectsResult(
                judged.size(),
                calls,
                tp,
                listed,
                truth,
                checked,
                byLabels,
                byJudge,
                agreement,
                tally.skipped,
                tally.errors,
                tally.prompts);
    }

    /** Names by their vocabulary concept ("apples", "苹果" → "apple"), else lower-cased. */
    static Set<String> canonical(List<String> names, ObjectVocabulary vocabulary) {
        Set<String> out = new HashSet<>();
        for (String n : names) {
            out.add(vocabulary.canonical(n).orElse(n.strip().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    /** Counts skips and errors of outcomes; returns the judgement, null for a skip. */
    private static final class Tally {
        final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        final Map<JudgeErrorKind, Long> errors = new EnumMap<>(JudgeErrorKind.class);
        final Set<String> prompts = new java.util.TreeSet<>();

        Judgement count(JudgeOutcome o) {
            if (!o.judged()) {
                skipped.merge(o.skipped(), 1L, Long::sum);
                return null;
            }
            Judgement j = o.judgement();
            prompts.add(j.promptVersion());
            if (!j.ok()) {
                errors.merge(j.errorKind(), 1L, Long::sum);
            }
            return j;
        }
    }
}
