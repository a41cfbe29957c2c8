package org.vlmeval.judges;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link ObjectsCache} keeping the most recently used {@code capacity} lists, in front
 * of an optional second cache (the store's, {@code PostgresObjectsCache}): a miss here asks it, and
 * its hit is kept here; a put goes to both.
 */
public final class LruObjectsCache implements ObjectsCache {

    private final Map<Key, Judgement> entries;
    private final ObjectsCache behind;

    public LruObjectsCache(int capacity) {
        this(capacity, null);
    }

    /**
     * @param behind the cache asked on a miss and written on every put, or null
     */
    public LruObjectsCache(int capacity, ObjectsCache behind) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.behind = behind;
        this.entries =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, Judgement> eldest) {
                        return size() > capacity;
                    }
                };
    }

    @Override
    public Optional<Judgement> get(Key key) {
        synchronized (this) {
            Judgement j = entries.get(key);
            if (j != null || behind == null) {
                return Optional.ofNullable(j);
            }
        }
        // Outside the lock: the store's read must not hold up other images' lookups.
        Optional<Judgement> found = behind.get(key);
        found.ifPresent(
                j -> {
                    synchronized (this) {
                        entries.put(key, j);
                    }
                });
        return found;
    }

    /** Memory only: the store behind is not asked. */
    @Override
    public synchronized Optional<Judgement> peek(Key key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(Key key, Judgement judgement) {
        synchronized (this) {
            entries.put(key, judgement);
        }
        if (behind != null) {
            behind.put(key, judgement);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    /** The lists held here, least recently used first (for a checkpoint). */
    public synchronized List<CachedObjects> snapshot() {
        List<CachedObjects> all = new ArrayList<>(entries.size());
        entries.forEach((k, j) -> all.add(CachedObjects.of(k, j)));
        return all;
    }

    /** Adds lists from a checkpoint here only (the store, if any, has them already). */
    public synchronized void restore(Iterable<CachedObjects> lists) {
        for (CachedObjects c : lists) {
            entries.put(c.key(), c.judgement());
        }
    }
}
