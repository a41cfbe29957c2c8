package org.vlmeval.sinks.files;

import org.vlmeval.metrics.Difference;
import org.vlmeval.metrics.Holm;
import org.vlmeval.metrics.McNemar;
import org.vlmeval.metrics.PairedDifference;
import org.vlmeval.model.AnswerRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Is endpoint A really more accurate than B on the same questions? For every pair of endpoints of
 * one run: the requests both answered against a reference, the discordant counts (A right and B
 * wrong, A wrong and B right), the accuracy difference A − B with Newcombe's paired interval
 * (method 10) and the exact McNemar p-value, Holm-adjusted across the run's pairs. Paired data
 * needs a paired test: two overlapping Wilson intervals say little when both models answered the
 * same questions.
 */
public final class EndpointPairs {

    /** z of the 95% intervals. */
    private static final double Z95 = 1.959963984540054;

    private EndpointPairs() {}

    /**
     * One unordered pair, A before B by name.
     *
     * @param a the first endpoint
     * @param b the second endpoint
     * @param events requests both answered with a reference (scored)
     * @param aOnly of those, A right and B wrong
     * @param bOnly of those, A wrong and B right
     * @param difference accuracy of A minus accuracy of B with its 95% interval; null without
     *     events
     * @param p exact McNemar two-sided p-value (1 without discordant pairs, NaN without events)
     * @param pHolm {@code p} Holm-adjusted over the run's pairs
     */
    public record Pair(
            String a,
            String b,
            long events,
            long aOnly,
            long bOnly,
            Difference difference,
            double p,
            double pHolm) {}

    /** The pairs of the endpoints in {@code rows} (one run), sorted by (a, b). */
    public static List<Pair> of(Collection<AnswerRow> rows) {
        Map<String, Map<String, Boolean>> byEndpoint = new HashMap<>();
        SortedSet<String> endpoints = new TreeSet<>();
        for (AnswerRow r : rows) {
            endpoints.add(r.endpoint());
            // Pairs compare first samples (repeated ones are the endpoint's stability) on
            // reference/label-based verdicts: a judge's are counted apart.
            if (r.correct() != null && !r.judged() && r.firstSample()) {
                byEndpoint
                        .computeIfAbsent(r.endpoint(), e -> new HashMap<>())
                        .put(r.requestId(), r.correct());
            }
        }
        List<String> names = new ArrayList<>(endpoints);
        List<PairedTable> tables = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                // As a comparison with b for baseline and a for candidate: a-only is the
                // candidate's, and the difference is a - b.
                tables.add(
                        PairedTable.of(
                                byEndpoint.getOrDefault(names.get(j), Map.of()),
                                byEndpoint.getOrDefault(names.get(i), Map.of())));
                keys.add(new String[] {names.get(i), names.get(j)});
            }
        }
        double[] p = new double[tables.size()];
        for (int k = 0; k < p.length; k++) {
            PairedTable t = tables.get(k);
            // NaN: nothing to test, and Holm leaves such pairs out of its count.
            p[k] =
                    t.events() == 0
                            ? Double.NaN
                            : McNemar.exactP(t.candidateOnly(), t.baselineOnly());
        }
        double[] adjusted = Holm.adjust(p);
        List<Pair> pairs = new ArrayList<>();
        for (int k = 0; k < p.length; k++) {
            PairedTable t = tables.get(k);
            pairs.add(
                    new Pair(
                            keys.get(k)[0],
                            keys.get(k)[1],
                            t.events(),
                            t.candidateOnly(),
                            t.baselineOnly(),
                            PairedDifference.interval(
                                    t.both(),
                                    t.candidateOnly(),
                                    t.baselineOnly(),
                                    t.neither(),
                                    Z95),
                            p[k],
                            adjusted[k]));
        }
        return pairs;
    }
}
