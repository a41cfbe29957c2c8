package org.vlmeval.judges;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link ObjectsCache} keeping the most recently used {@code capacity} lists. */
public final class LruObjectsCache implements ObjectsCache {

    private final Map<Key, Judgement> entries;

    public LruObjectsCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.entries =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, Judgement> eldest) {
                        return size() > capacity;
                    }
                };
    }

    @Override
    public synchronized Optional<Judgement> get(Key key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized void put(Key key, Judgement judgement) {
        entries.put(key, judgement);
    }

    public synchronized int size() {
        return entries.size();
    }
}
