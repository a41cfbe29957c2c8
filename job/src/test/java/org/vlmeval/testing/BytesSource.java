package org.vlmeval.testing;

import org.vlmeval.sources.EventParser;
import org.vlmeval.sources.SourceEvent;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded source of raw payloads parsed by the job's {@link EventParser}, in order (run it with
 * parallelism 1), positions {@code test:<index>}, all received at a fixed instant.
 */
public final class BytesSource {

    private BytesSource() {}

    public static DataGeneratorSource<SourceEvent> of(
            List<byte[]> payloads, EventParser parser, Instant receivedAt) {
        ArrayList<byte[]> copy = new ArrayList<>(payloads);
        GeneratorFunction<Long, SourceEvent> generator =
                index ->
                        parser.parse(copy.get(index.intValue()), "test:" + (index + 1), receivedAt);
        return new DataGeneratorSource<>(
                generator,
                copy.size(),
                RateLimiterStrategy.noOp(),
                TypeInformation.of(SourceEvent.class));
    }

    public static List<byte[]> utf8(List<String> lines) {
        List<byte[]> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
