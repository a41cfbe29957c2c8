package org.vlmeval.endpoints.wire;

import org.vlmeval.images.LoadedImage;

import okio.Buffer;
import okio.BufferedSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A request body as it goes on the wire: the JSON before the inline image's base64 text, the image
 * (encoded while it is written, never held as text), and the JSON after it. Without an inline image
 * the prefix is the whole body. The length is known in advance, so the request keeps its {@code
 * Content-Length} (no chunking), and the body can be written again for a retry.
 */
public final class JsonBody {

    private final byte[] prefix;
    private final byte[] imageHead;
    private final LoadedImage image;
    private final byte[] suffix;

    JsonBody(byte[] whole) {
        this(whole, new byte[0], null, new byte[0]);
    }

    /**
     * @param imageHead what precedes the base64 text inside the JSON string (a data: URL's start)
     */
    JsonBody(byte[] prefix, String imageHead, LoadedImage image, byte[] suffix) {
        this(prefix, imageHead.getBytes(StandardCharsets.US_ASCII), image, suffix);
    }

    private JsonBody(byte[] prefix, byte[] imageHead, LoadedImage image, byte[] suffix) {
        this.prefix = prefix;
        this.imageHead = imageHead;
        this.image = image;
        this.suffix = suffix;
    }

    public long contentLength() {
        return prefix.length
                + imageHead.length
                + (image == null ? 0 : image.base64Length())
                + suffix.length;
    }

    public void writeTo(BufferedSink sink) throws IOException {
        sink.write(prefix);
        if (image != null) {
            sink.write(imageHead);
            image.writeBase64(sink);
        }
        sink.write(suffix);
    }

    /** The whole body in memory (for tests and small bodies). */
    public byte[] toByteArray() {
        try (Buffer buffer = new Buffer()) {
            writeTo(buffer);
            return buffer.readByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("a memory buffer does not fail", e);
        }
    }
}
