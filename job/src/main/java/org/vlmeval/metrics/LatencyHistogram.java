package org.vlmeval.metrics;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mergeable latency sketch: log-spaced buckets 2% wide, so any quantile it reports is within 1%
 * of a latency actually recorded in that bucket, whatever the distribution. Merging two sketches
 * adds their buckets, which is what windows over parallel partitions need; the state is a few
 * hundred entries at most (1 ms to 1 hour spans about 760 buckets), however many calls it counts.
 */
public final class LatencyHistogram implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Relative width of a bucket. */
    static final double GROWTH = 1.02;

    private static final double LOG_GROWTH = Math.log(GROWTH);

    /** bucket index → count; index 0 holds latencies below 1 ms. */
    private final TreeMap<Integer, Long> buckets = new TreeMap<>();

    private long count;
    private long maxMs;

    /** Records one latency in milliseconds; negative values are recorded as 0. */
    public void add(long latencyMs) {
        long v = Math.max(0, latencyMs);
        buckets.merge(index(v), 1L, Long::sum);
        count++;
        maxMs = Math.max(maxMs, v);
    }

    /** Adds every latency recorded by {@code other} to this sketch. */
    public void merge(LatencyHistogram other) {
        other.buckets.forEach((i, c) -> buckets.merge(i, c, Long::sum));
        count += other.count;
        maxMs = Math.max(maxMs, other.maxMs);
    }

    /**
     * The bucket counts (bucket index → count), for storing the sketch in a form Flink serializes
     * without Kryo; {@link #fromBuckets} restores it.
     */
    public Map<Integer, Long> bucketCounts() {
        return new TreeMap<>(buckets);
    }

    /** A sketch with the given bucket counts (see {@link #bucketCounts}) and maximum. */
    public static LatencyHistogram fromBuckets(Map<Integer, Long> counts, long maxMs) {
        LatencyHistogram h = new LatencyHistogram();
        counts.forEach(
                (index, count) -> {
                    if (index < 0 || count < 0) {
                        throw new IllegalArgumentException(
                                "bucket " + index + " has count " + count);
                    }
                    if (count > 0) {
                        h.buckets.merge(index, count, Long::sum);
                        h.count += count;
                    }
                });
        h.maxMs = maxMs;
        return h;
    }

    /** The bucket a latency falls into, for callers keeping counts themselves. */
    public static int bucketOf(long latencyMs) {
        return index(Math.max(0, latencyMs));
    }

    public long count() {
        return count;
    }

    public long maxMs() {
        return maxMs;
    }

    /**
     * The latency at quantile {@code q} (0..1) by the nearest-rank definition, in milliseconds, or
     * null when nothing was recorded.
     */
    public Long quantileMs(double q) {
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("quantile must be within 0..1, was " + q);
        }
        if (count == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return Math.min(maxMs, representative(e.getKey()));
            }
        }
        return maxMs;
    }

    static int index(long ms) {
        return ms < 1 ? 0 : 1 + (int) Math.floor(Math.log(ms) / LOG_GROWTH);
    }

    /** The geometric middle of a bucket, rounded to a whole millisecond. */
    static long representative(int index) {
        if (index == 0) {
            return 0;
        }
        double lower = Math.pow(GROWTH, index - 1);
        return Math.round(lower * Math.sqrt(GROWTH));
    }

    /** For tests and state-size checks: how many buckets are in use. */
    int bucketCount() {
        return buckets.size();
    }
}
