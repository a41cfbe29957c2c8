package org.vlmeval.compare;

import org.vlmeval.compare.ComparisonRow.Test;
import org.vlmeval.metrics.Difference;
import org.vlmeval.metrics.Holm;
import org.vlmeval.metrics.McNemar;
import org.vlmeval.metrics.Normal;
import org.vlmeval.metrics.PairedDifference;
import org.vlmeval.metrics.UnpairedDifference;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.sinks.files.PairedTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the answers of two runs, endpoint by endpoint, per category and overall, for accuracy,
 * refusal and hallucination rates (docs/compare.md).
 *
 * <p>Events are matched by request id within an endpoint. When the runs share events for a rate,
 * the comparison is paired and uses only those (exact McNemar, Newcombe's paired interval): paired
 * data cancel the questions' difficulty, and mixing paired and unpaired events has no standard
 * test. Otherwise the two rates are compared as independent samples (pooled score test, Newcombe's
 * hybrid score interval). The p-values of all rows are corrected together by Holm, and a row is a
 * regression when its corrected p-value is at most alpha and it is worse by more than the allowed
 * drop.
 */
public final class RunComparison {

    /** The category of the rows over all categories, as in the window metrics. */
    public static final String ALL_CATEGORIES = "*";

    /** The category of requests that have none. */
    public static final String NO_CATEGORY = "(none)";

    private final double alpha;
    private final double maxDropPoints;
    private final double z;

    /**
     * @param alpha significance level, in (0, 1)
     * @param maxDropPoints allowed worsening in percentage points, at least 0
     */
    public RunComparison(double alpha, double maxDropPoints) {
        if (!(maxDropPoints >= 0 && maxDropPoints <= 100)) {
            throw new IllegalArgumentException(
                    "max drop must be in [0, 100] points, was " + maxDropPoints);
        }
        this.z = Normal.zForTwoSided(alpha);
        this.alpha = alpha;
        this.maxDropPoints = maxDropPoints;
    }

    /** Compares candidate with baseline; the names say where each was read from. */
    public Comparison compare(
            String baselineName,
            List<AnswerRow> baseline,
            String candidateName,
            List<AnswerRow> candidate) {
        return compare(baselineName, baseline, candidateName, candidate, Map.of());
    }

    /**
     * Compares candidate with baseline, the candidate's endpoints named as {@code asBaseline} says
     * (candidate endpoint → the baseline endpoint it replaces: a new model version served under a
     * new name); rows are labelled with the baseline's name.
     */
    public Comparison compare(
            String baselineName,
            List<AnswerRow> baseline,
            String candidateName,
            List<AnswerRow> candidate,
            Map<String, String> asBaseline) {
        Map<String, Map<String, List<AnswerRow>>> base = byEndpointAndCategory(baseline, Map.of());
        Map<String, Map<String, List<AnswerRow>>> cand =
                byEndpointAndCategory(candidate, asBaseline);
        TreeSet<String> endpoints = new TreeSet<>(base.keySet());
        endpoints.addAll(cand.keySet());
        List<ComparisonRow> rows = new ArrayList<>();
        for (String endpoint : endpoints) {
            Map<String, List<AnswerRow>> b = base.getOrDefault(endpoint, Map.of());
            Map<String, List<AnswerRow>> c = cand.getOrDefault(endpoint, Map.of());
            TreeSet<String> categories = new TreeSet<>(b.keySet());
            categories.addAll(c.keySet());
            categories.remove(ALL_CATEGORIES);
            List<String> ordered = new ArrayList<>();
            ordered.add(ALL_CATEGORIES);
            ordered.addAll(categories);
            for (String category : ordered) {
                for (Measure measure : Measure.values()) {
                    ComparisonRow row =
                            compare(
                                    endpoint,
                                    category,
                                    measure,
                                    outcomes(b.get(category), measure),
                                    outcomes(c.get(category), measure));
                    if (row != null) {
                        rows.add(row);
                    }
                }
            }
        }
        return new Comparison(baselineName, candidateName, alpha, maxDropPoints, gate(rows));
    }

    /** Holm over the tested rows, then the regression verdict of each. */
    private List<ComparisonRow> gate(List<ComparisonRow> rows) {
        double[] p = rows.stream().mapToDouble(ComparisonRow::p).toArray();
        double[] adjusted = Holm.adjust(p);
        List<ComparisonRow> gated = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ComparisonRow r = rows.get(i);
            boolean regression =
                    !Double.isNaN(adjusted[i])
                            && adjusted[i] <= alpha
                            && worseningPoints(r) > maxDropPoints;
            gated.add(r.withHolm(adjusted[i], regression));
        }
        return gated;
    }

    /** How much worse the candidate is, in points; negative when it is better. */
    private static double worseningPoints(ComparisonRow r) {
        double delta = r.difference().estimate() * 100;
        return r.measure().higherIsWorse() ? delta : -delta;
    }

    private ComparisonRow compare(
            String endpoint,
            String category,
            Measure measure,
            Map<String, Boolean> baseline,
            Map<String, Boolean> candidate) {
        if (baseline.isEmpty() && candidate.isEmpty()) {
            return null; // e.g. no request listed objects: no hallucination rate to compare
        }
        PairedTable table = PairedTable.of(baseline, candidate);
        long matched = table.events();
        if (matched > 0) {
            Difference d =
                    PairedDifference.interval(
                            table.both(),
                            table.candidateOnly(),
                            table.baselineOnly(),
                            table.neither(),
                            z);
            return new ComparisonRow(
                    endpoint,
                    category,
                    measure,
                    Test.PAIRED,
                    table.baselineSuccesses(),
                    matched,
                    table.candidateSuccesses(),
                    matched,
                    table,
                    baseline.size() + candidate.size() - 2 * matched,
                    d,
                    McNemar.exactP(table.candidateOnly(), table.baselineOnly()),
                    Double.NaN,
                    false);
        }
        long bs = successes(baseline);
        long cs = successes(candidate);
        Difference d = UnpairedDifference.interval(cs, candidate.size(), bs, baseline.size(), z);
        boolean testable = d != null;
        return new ComparisonRow(
                endpoint,
                category,
                measure,
                testable ? Test.UNPAIRED : Test.NONE,
                bs,
                baseline.size(),
                cs,
                candidate.size(),
                null,
                0,
                d,
                testable
                        ? UnpairedDifference.scoreTestP(cs, candidate.size(), bs, baseline.size())
                        : Double.NaN,
                Double.NaN,
                false);
    }

    private static long successes(Map<String, Boolean> outcomes) {
        return outcomes.values().stream().filter(Boolean::booleanValue).count();
    }

    /** Request id to outcome, for the answers that count in the measure's rate. */
    private static Map<String, Boolean> outcomes(List<AnswerRow> rows, Measure measure) {
        Map<String, Boolean> out = new HashMap<>();
        if (rows == null) {
            return out;
        }
        for (AnswerRow r : rows) {
            if (!r.firstSample()) {
                continue; // rates are over first samples; repeated ones are stability
            }
            Boolean o = measure.outcome(r);
            if (o != null && out.put(r.requestId(), o) != null) {
                throw new IllegalArgumentException(
                        "request "
                                + r.requestId()
                                + " was answered twice by "
                                + r.endpoint()
                                + ": compare takes one run per side");
            }
        }
        return out;
    }

    /**
     * endpoint (renamed by {@code names} where it names it) -> category -> rows, each row also
     * under {@link #ALL_CATEGORIES}.
     */
    private static Map<String, Map<String, List<AnswerRow>>> byEndpointAndCategory(
            List<AnswerRow> rows, Map<String, String> names) {
        Map<String, Map<String, List<AnswerRow>>> out = new TreeMap<>();
        for (AnswerRow r : rows) {
            Map<String, List<AnswerRow>> byCategory =
                    out.computeIfAbsent(
                            names.getOrDefault(r.endpoint(), r.endpoint()), k -> new TreeMap<>());
            String category = r.category() == null ? NO_CATEGORY : r.category();
            byCategory.computeIfAbsent(category, k -> new ArrayList<>()).add(r);
            byCategory.computeIfAbsent(ALL_CATEGORIES, k -> new ArrayList<>()).add(r);
        }
        return out;
    }
}
