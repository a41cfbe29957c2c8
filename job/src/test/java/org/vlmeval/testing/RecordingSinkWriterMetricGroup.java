package org.vlmeval.testing;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sink writer's metric group that keeps what is registered, so a test can read a writer's
 * counters and gauges by name. Flink's standard {@code numRecordsSend} counter and {@code
 * currentSendTime} gauge are kept under those names.
 */
public final class RecordingSinkWriterMetricGroup extends UnregisteredMetricsGroup
        implements SinkWriterMetricGroup {

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Gauge<?>> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name) {
        return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        counters.put(name, counter);
        return counter;
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        gauges.put(name, gauge);
        return gauge;
    }

    /** The count of counter {@code name}. */
    public long count(String name) {
        Counter counter = counters.get(name);
        if (counter == null) {
            throw new AssertionError("no counter " + name + " among " + counters.keySet());
        }
        return counter.getCount();
    }

    /** The value of gauge {@code name}. */
    public Object gaugeValue(String name) {
        Gauge<?> gauge = gauges.get(name);
        if (gauge == null) {
            throw new AssertionError("no gauge " + name + " among " + gauges.keySet());
        }
        return gauge.getValue();
    }

    @Override
    public OperatorIOMetricGroup getIOMetricGroup() {
        return UnregisteredMetricsGroup.createOperatorIOMetricGroup();
    }

    @Override
    public Counter getNumRecordsOutErrorsCounter() {
        return counters.computeIfAbsent("numRecordsOutErrors", n -> new SimpleCounter());
    }

    @Override
    public Counter getNumRecordsSendErrorsCounter() {
        return counters.computeIfAbsent("numRecordsSendErrors", n -> new SimpleCounter());
    }

    @Override
    public Counter getNumRecordsSendCounter() {
        return counters.computeIfAbsent("numRecordsSend", n -> new SimpleCounter());
    }

    @Override
    public Counter getNumBytesSendCounter() {
        return counters.computeIfAbsent("numBytesSend", n -> new SimpleCounter());
    }

    @Override
    public void setCurrentSendTimeGauge(Gauge<Long> gauge) {
        gauges.put("currentSendTime", gauge);
    }
}
