package org.vlmeval.judges;

import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.endpoints.config.JudgeTask;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every judge of an endpoints file, over one set of clients and one objects cache: what an operator
 * creates when it opens (judges hold clients and budgets, so they are made where they run, not
 * shipped).
 */
public final class Judges {

    private final Map<String, Judge> byName = new LinkedHashMap<>();

    private Judges(
            EndpointsConfig endpoints,
            EndpointClients clients,
            ObjectsCache cache,
            InstantSource clock) {
        for (JudgeConfig judge : endpoints.judges()) {
            byName.put(judge.name(), Judge.create(judge, endpoints, clients, cache, clock));
        }
    }

    /**
     * @throws IllegalArgumentException when a judge's prompt version has no resources
     */
    public static Judges create(
            EndpointsConfig endpoints,
            EndpointClients clients,
            ObjectsCache cache,
            InstantSource clock) {
        return new Judges(endpoints, clients, cache, clock);
    }

    /** The judges configured for {@code task}, in the order of the file. */
    public List<Judge> forTask(JudgeTask task) {
        return byName.values().stream().filter(j -> j.config().does(task)).toList();
    }

    /**
     * @throws IllegalArgumentException for a name that is no judge of the file
     */
    public Judge judge(String name) {
        Judge judge = byName.get(name);
        if (judge == null) {
            throw new IllegalArgumentException(
                    "no judge '" + name + "'; known: " + byName.keySet());
        }
        return judge;
    }

    public List<Judge> all() {
        return List.copyOf(byName.values());
    }
}
