package org.vlmeval.judges;

import java.util.Optional;

/**
 * Objects judgements by image, so an image is paid for once whatever number of models answer about
 * it. Implementations: {@link LruObjectsCache} in memory; the store can back one so that the lists
 * survive restarts. Only successful judgements are put: an error is worth retrying. Implementations
 * must be thread-safe.
 */
public interface ObjectsCache {

    /**
     * @param imageKey {@link ImageKeys#sha256}
     * @param judge the judge's name
     * @param promptVersion e.g. {@code objects.v1.en}: another prompt is another judgement
     */
    record Key(String imageKey, String judge, String promptVersion) {}

    Optional<Judgement> get(Key key);

    /**
     * What this cache holds for {@code key} without asking anything slower behind it: used to look
     * again after claiming a call, cheaply. Defaults to {@link #get}.
     */
    default Optional<Judgement> peek(Key key) {
        return get(key);
    }

    void put(Key key, Judgement judgement);
}
