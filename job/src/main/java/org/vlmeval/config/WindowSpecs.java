package org.vlmeval.config;

import org.vlmeval.options.Durations;
import org.vlmeval.pipeline.WindowSpec;

import java.util.ArrayList;
import java.util.List;

/** Parses window families written as {@code SIZE} (tumbling) or {@code SIZE/SLIDE} (sliding). */
public final class WindowSpecs {

    private WindowSpecs() {}

    public static List<WindowSpec> parse(List<String> specs) {
        List<WindowSpec> out = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.trim().split("/", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException(
                        "windows: '" + spec + "' is not SIZE or SIZE/SLIDE (e.g. 5m/1m, 1h)");
            }
            try {
                out.add(
                        parts.length == 1
                                ? WindowSpec.tumbling(Durations.parse(parts[0]))
                                : new WindowSpec(
                                        Durations.parse(parts[0]), Durations.parse(parts[1])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("windows: '" + spec + "': " + e.getMessage(), e);
            }
        }
        return out;
    }
}
