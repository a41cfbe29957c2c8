package org.vlmeval.images;

import java.io.Serializable;

/**
 * Where a request's image comes from: exactly one of a URL, inline base64 data (with its MIME
 * type), or a path under the configured image root.
 *
 * @param url an http(s) URL, fetched by the client or passed to the server (image_mode)
 * @param data base64 image bytes
 * @param mime the MIME type of {@code data}, e.g. image/png; corrected from the bytes when wrong
 * @param path a file path relative to the configured image root
 */
public record ImageRef(String url, String data, String mime, String path) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ImageRef {
        int given = (url != null ? 1 : 0) + (data != null ? 1 : 0) + (path != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("an image has exactly one of url, data or path");
        }
    }

    public static ImageRef ofUrl(String url) {
        return new ImageRef(url, null, null, null);
    }

    public static ImageRef ofData(String base64, String mime) {
        return new ImageRef(null, base64, mime, null);
    }

    public static ImageRef ofPath(String path) {
        return new ImageRef(null, null, null, path);
    }

    /** Never prints inline bytes: they can be megabytes and belong in no log line. */
    @Override
    public String toString() {
        if (url != null) {
            return "ImageRef[url=" + url + "]";
        }
        if (path != null) {
            return "ImageRef[path=" + path + "]";
        }
        return "ImageRef[data=" + data.length() + " base64 chars, mime=" + mime + "]";
    }
}
