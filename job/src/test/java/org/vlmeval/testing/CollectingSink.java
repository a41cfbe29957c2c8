package org.vlmeval.testing;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects a stream's elements in this JVM (MiniCluster runs in the test's JVM), under an id per
 * sink, for assertions after a bounded job ends.
 */
public final class CollectingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        COLLECTED.put(id, new ArrayList<>());
    }

    /** Everything written so far, in no particular order across subtasks. */
    @SuppressWarnings("unchecked")
    public List<T> values() {
        List<Object> list = COLLECTED.get(id);
        synchronized (list) {
            return (List<T>) List.copyOf(list);
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> list = COLLECTED.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                synchronized (list) {
                    list.add(element);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
