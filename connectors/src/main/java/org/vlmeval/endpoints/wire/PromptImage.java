package org.vlmeval.endpoints.wire;

import org.vlmeval.images.LoadedImage;

/**
 * The image as it goes on the wire: an http(s) URL for the server to fetch, or loaded bytes.
 * Exactly one is non-null.
 */
public record PromptImage(String httpUrl, LoadedImage loaded) {

    public PromptImage {
        if ((httpUrl == null) == (loaded == null)) {
            throw new IllegalArgumentException("exactly one of httpUrl and loaded");
        }
    }

    public static PromptImage url(String httpUrl) {
        return new PromptImage(httpUrl, null);
    }

    public static PromptImage inline(LoadedImage loaded) {
        return new PromptImage(null, loaded);
    }
}
