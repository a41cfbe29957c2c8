package org.vlmeval.pipeline;

import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.judges.Judge;
import org.vlmeval.judges.Judges;
import org.vlmeval.judges.ObjectsCache;
import org.vlmeval.judges.SkipReason;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the judge operators ({@link GradeAnswers}, {@link JudgeObjects}) share: finding their judge
 * in the endpoints file, its operator timeout, and making the judge where the operator runs, with
 * this subtask's share of the judge's limits and clients for its own endpoint only.
 */
final class JudgeOperators {

    private JudgeOperators() {}

    /** The judges of {@code endpoints} for {@code task}, in the order of the file. */
    static List<JudgeConfig> judgesFor(EndpointsConfig endpoints, JudgeTask task) {
        return endpoints.judges().stream().filter(j -> j.does(task)).toList();
    }

    /**
     * The judge named {@code judgeName}.
     *
     * @throws IllegalArgumentException when the file has no such judge, or it is not for {@code
     *     task}
     */
    static JudgeConfig config(EndpointsConfig endpoints, String judgeName, JudgeTask task) {
        JudgeConfig judge = config(endpoints, judgeName);
        if (!judge.does(task)) {
            throw new IllegalArgumentException(
                    "judge '" + judgeName + "' is not configured for task " + task.yamlName());
        }
        return judge;
    }

    static JudgeConfig config(EndpointsConfig endpoints, String judgeName) {
        return endpoints.judges().stream()
                .filter(j -> j.name().equals(judgeName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no judge '" + judgeName + "'"));
    }

    static EndpointConfig judgeEndpoint(EndpointsConfig endpoints, String judgeName) {
        return endpoints.endpoint(config(endpoints, judgeName).endpoint()).orElseThrow();
    }

    /** How long the operator waits: the judge endpoint's own deadline plus a margin. */
    static Duration operatorTimeout(EndpointsConfig endpoints, String judgeName) {
        return CallEndpoint.operatorTimeout(judgeEndpoint(endpoints, judgeName));
    }

    /**
     * {@code endpoints} with only this judge, and this subtask's share of the judge's endpoint
     * limits and of its budgets (rounded up; a cost budget divided exactly). The other judges are
     * left out: their endpoints have no client in this operator.
     */
    static EndpointsConfig perSubtask(EndpointsConfig endpoints, String judgeName, int subtasks) {
        JudgeConfig judge = config(endpoints, judgeName);
        if (subtasks <= 1) {
            return new EndpointsConfig(
                    endpoints.source(), endpoints.endpoints(), endpoints.images(), List.of(judge));
        }
        List<EndpointConfig> shared = new ArrayList<>();
        for (EndpointConfig e : endpoints.endpoints()) {
            shared.add(
                    e.name().equals(judge.endpoint()) ? CallEndpoint.perSubtask(e, subtasks) : e);
        }
        JudgeConfig mine =
                new JudgeConfig(
                        judge.name(),
                        judge.endpoint(),
                        judge.tasks(),
                        judge.sampleRate(),
                        judge.maxCallsPerMinute() == null
                                ? null
                                : CallEndpoint.ceilDiv(judge.maxCallsPerMinute(), subtasks),
                        judge.maxCostPerHour() == null ? null : judge.maxCostPerHour() / subtasks,
                        judge.selfJudging(),
                        judge.language(),
                        judge.promptVersion());
        return new EndpointsConfig(endpoints.source(), shared, endpoints.images(), List.of(mine));
    }

    /** A judge made where its operator runs, with the clients it calls through (to close). */
    record Opened(EndpointClients clients, Judge judge) {}

    /**
     * The judge {@code judgeName} for one of {@code subtasks} subtasks: clients for the judge's
     * endpoint only (the other endpoints stay in the file for their families), lists kept in {@code
     * cache}. API keys are read from this process's environment.
     */
    static Opened open(
            EndpointsConfig endpoints, String judgeName, int subtasks, ObjectsCache cache) {
        EndpointsConfig mine = perSubtask(endpoints, judgeName, subtasks);
        EndpointConfig judgeEndpoint = judgeEndpoint(mine, judgeName);
        EndpointClients clients =
                EndpointClients.create(
                        new EndpointsConfig(mine.source(), List.of(judgeEndpoint), mine.images()),
                        System.getenv());
        return new Opened(
                clients, Judges.create(mine, clients, cache, Clock.systemUTC()).judge(judgeName));
    }

    /** A counter per skip reason, under {@code <group>.skipped.<reason>}. */
    static Map<SkipReason, Counter> skipCounters(MetricGroup group) {
        Map<SkipReason, Counter> skips = new EnumMap<>(SkipReason.class);
        MetricGroup skipped = group.addGroup("skipped");
        for (SkipReason r : SkipReason.values()) {
            skips.put(r, skipped.counter(r.jsonName(), new ThreadSafeSimpleCounter()));
        }
        return skips;
    }
}
