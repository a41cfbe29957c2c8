package org.vlmeval.judges;

import org.vlmeval.images.ImageRef;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which bytes an image URL or path showed when it was last loaded: its {@link ImageKeys#sha256},
 * for {@link #FRESH_FOR} after loading, the {@value #CAPACITY} most recently used. The objects
 * judge caches lists by image content, so it had to load (download) an image to find its list even
 * when the list was cached — once for every answer about the image, from every endpoint. With this
 * memo an answer about a URL or path loaded a moment ago finds its cached list without loading it
 * again.
 *
 * <p>The trade-off: an image that changes under the same URL or path within {@link #FRESH_FOR} is
 * taken to be the old one (its cached list is reused). The model endpoints fetched the image
 * themselves just before, so answers within minutes of each other are about one picture anyway;
 * after {@link #FRESH_FOR} the image is loaded and hashed again. Inline images need no memo (their
 * bytes are in the request). Thread-safe.
 */
final class RecentImageSources {

    /** How long a source is taken to show the bytes it showed when it was loaded. */
    static final Duration FRESH_FOR = Duration.ofMinutes(10);

    /** Sources remembered; an entry is a URL and a 64-character key. */
    static final int CAPACITY = 10_000;

    private record Seen(String imageKey, long atMillis) {}

    private final InstantSource clock;
    private final Map<String, Seen> seen =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                    return size() > CAPACITY;
                }
            };

    RecentImageSources(InstantSource clock) {
        this.clock = clock;
    }

    /** A URL as {@code url:…}, a path as {@code path:…}; null for inline data or no image. */
    static String sourceOf(ImageRef image) {
        if (image == null) {
            return null;
        }
        if (image.url() != null) {
            return "url:" + image.url();
        }
        if (image.path() != null) {
            return "path:" + image.path();
        }
        return null;
    }

    /** The image key {@code source} showed less than {@link #FRESH_FOR} ago, or null. */
    synchronized String recentKey(String source) {
        if (source == null) {
            return null;
        }
        Seen s = seen.get(source);
        if (s == null) {
            return null;
        }
        if (clock.millis() - s.atMillis() >= FRESH_FOR.toMillis()) {
            seen.remove(source);
            return null;
        }
        return s.imageKey();
    }

    /** {@code source} was just loaded and showed the bytes of {@code imageKey}. */
    synchronized void loaded(String source, String imageKey) {
        if (source != null) {
            seen.put(source, new Seen(imageKey, clock.millis()));
        }
    }

    synchronized int size() {
        return seen.size();
    }
}
