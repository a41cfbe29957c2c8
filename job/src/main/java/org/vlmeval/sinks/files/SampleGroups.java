package org.vlmeval.sinks.files;

import org.vlmeval.metrics.Interval;
import org.vlmeval.metrics.Wilson;
import org.vlmeval.model.AnswerRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answer stability of one endpoint: its answers grouped by request, for the requests it was asked
 * more than once ({@code repeats}). The same definitions as the store's {@code sample_groups} and
 * {@code stability} views:
 *
 * <ul>
 *   <li>a request is <b>repeated</b> when at least two of its samples were answered (failed calls
 *       have nothing to agree with);
 *   <li>it is <b>stable</b> when all its answered samples have the same {@link AnswerRow#reading()}
 *       (the same number, option, set or normalised text; every refusal reads {@code refusal});
 *   <li>the <b>majority vote</b> is the most frequent reading, a tie going to the reading of the
 *       earliest sample; its correctness is that of the earliest sample with that reading;
 *   <li>first-sample and majority accuracy are over the repeated requests with a reference.
 * </ul>
 *
 * @param repeatedEvents requests with at least two answered samples
 * @param stableEvents of those, requests whose answered samples all read the same
 * @param firstScored repeated requests whose first sample was scored
 * @param firstCorrect of those, first samples that were correct
 * @param majorityScored repeated requests whose majority answer was scored
 * @param majorityCorrect of those, majority answers that were correct
 */
public record SampleGroups(
        long repeatedEvents,
        long stableEvents,
        long firstScored,
        long firstCorrect,
        long majorityScored,
        long majorityCorrect) {

    public static final SampleGroups NONE = new SampleGroups(0, 0, 0, 0, 0, 0);

    /** The stability of {@code rows}, which are taken to belong to one endpoint of one run. */
    public static SampleGroups of(Collection<AnswerRow> rows) {
        Map<String, List<AnswerRow>> byRequest = new TreeMap<>();
        for (AnswerRow r : rows) {
            byRequest.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r);
        }
        long repeated = 0;
        long stable = 0;
        long firstScored = 0;
        long firstCorrect = 0;
        long majorityScored = 0;
        long majorityCorrect = 0;
        for (List<AnswerRow> samples : byRequest.values()) {
            List<AnswerRow> answered = new ArrayList<>(samples.size());
            for (AnswerRow r : samples) {
                if (r.errorKind() == null) {
                    answered.add(r);
                }
            }
            if (answered.size() < 2) {
                continue;
            }
            answered.sort(Comparator.comparingInt(AnswerRow::sample));
            repeated++;
            Map<String, Integer> votes = new LinkedHashMap<>();
            Map<String, AnswerRow> earliest = new HashMap<>();
            for (AnswerRow r : answered) {
                votes.merge(String.valueOf(r.reading()), 1, Integer::sum);
                earliest.putIfAbsent(String.valueOf(r.reading()), r);
            }
            if (votes.size() == 1) {
                stable++;
            }
            // Insertion order is sample order, so the first maximum is the earliest sample's.
            String majority = null;
            int most = 0;
            for (Map.Entry<String, Integer> e : votes.entrySet()) {
                if (e.getValue() > most) {
                    majority = e.getKey();
                    most = e.getValue();
                }
            }
            AnswerRow first =
                    samples.stream().filter(AnswerRow::firstSample).findFirst().orElse(null);
            // Accuracies here are reference-based: a judge's verdicts are counted as judged.
            if (first != null && first.correct() != null && !first.judged()) {
                firstScored++;
                firstCorrect += first.correct() ? 1 : 0;
            }
            AnswerRow elected = earliest.get(majority);
            Boolean voted = elected.judged() ? null : elected.correct();
            if (voted != null) {
                majorityScored++;
                majorityCorrect += voted ? 1 : 0;
            }
        }
        return new SampleGroups(
                repeated, stable, firstScored, firstCorrect, majorityScored, majorityCorrect);
    }

    /** stable / repeated, or null without repeated requests. */
    public Double stability() {
        return repeatedEvents == 0 ? null : (double) stableEvents / repeatedEvents;
    }

    public Interval stabilityCi() {
        return Wilson.interval95(stableEvents, repeatedEvents);
    }

    public Double firstSampleAccuracy() {
        return firstScored == 0 ? null : (double) firstCorrect / firstScored;
    }

    public Double majorityAccuracy() {
        return majorityScored == 0 ? null : (double) majorityCorrect / majorityScored;
    }
}
