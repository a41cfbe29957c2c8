package org.vlmeval.images;

import okio.BufferedSink;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

/**
 * Image bytes ready to be sent inline, with their verified format.
 *
 * <p>Held for as long as a call is in flight (retries resend it), so it keeps one copy of the image
 * at most: either the bytes, or, when the image came as canonical base64 text in the event and was
 * sent unchanged, only a view of that text (which the caller holds anyway): no copy at all. The
 * base64 form is written straight into the request body ({@link #writeBase64}), never built as a
 * string.
 */
public final class LoadedImage {

    private static final int CHUNK = 48 * 1024; // a multiple of 3: whole base64 quanta per chunk

    private final byte[] bytes;
    private final String base64Source;
    private final int base64Begin;
    private final int length;
    private final ImageFormat format;

    public LoadedImage(byte[] bytes, ImageFormat format) {
        this(bytes, null, 0, bytes.length, format);
    }

    private LoadedImage(
            byte[] bytes, String base64Source, int base64Begin, int length, ImageFormat format) {
        this.bytes = bytes;
        this.base64Source = base64Source;
        this.base64Begin = base64Begin;
        this.length = length;
        this.format = format;
    }

    /**
     * The image whose canonical base64 encoding is {@code text} from {@code begin} to its end (the
     * caller has checked: {@link #isCanonicalBase64}); keeps the text, not the bytes.
     */
    static LoadedImage ofCanonicalBase64(
            String text, int begin, int byteLength, ImageFormat format) {
        return new LoadedImage(null, text, begin, byteLength, format);
    }

    /**
     * Whether {@code text} from {@code begin} is exactly what the base64 encoder makes of {@code
     * decoded}: no whitespace or line breaks, padded, and zero bits after the last byte. The
     * decoder accepted the text (so every character is of the alphabet and every full quantum
     * decodes one way); only the length and the last quantum can differ.
     */
    static boolean isCanonicalBase64(String text, int begin, byte[] decoded) {
        int chars = text.length() - begin;
        if (chars != encodedLength(decoded.length)) {
            return false;
        }
        if (decoded.length == 0) {
            return true;
        }
        int tail = (decoded.length - 1) / 3 * 3;
        byte[] last = new byte[decoded.length - tail];
        System.arraycopy(decoded, tail, last, 0, last.length);
        String expected = Base64.getEncoder().encodeToString(last);
        return text.regionMatches(begin + chars - 4, expected, 0, 4);
    }

    private static long encodedLength(long byteLength) {
        return (byteLength + 2) / 3 * 4;
    }

    /**
     * The bytes (not a copy when held: images can be megabytes; do not modify). An image kept as
     * base64 text is decoded anew on every call.
     */
    public byte[] bytes() {
        if (bytes != null) {
            return bytes;
        }
        return Base64.getDecoder().decode(base64Source.substring(base64Begin));
    }

    /** The number of image bytes. */
    public int length() {
        return length;
    }

    public ImageFormat format() {
        return format;
    }

    public String mime() {
        return format.mime();
    }

    /** Plain base64, as Ollama's {@code images} list wants it. */
    public String base64() {
        if (bytes == null) {
            return base64Source.substring(base64Begin);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A {@code data:} URL, as OpenAI-compatible servers want it. */
    public String dataUrl() {
        return dataUrlPrefix() + base64();
    }

    /** What precedes the base64 text in a {@code data:} URL. */
    public String dataUrlPrefix() {
        return "data:" + mime() + ";base64,";
    }

    /** The length of {@link #base64()}, which {@link #writeBase64} writes. */
    public long base64Length() {
        return encodedLength(length);
    }

    /** Writes {@link #base64()} to {@code sink} in chunks, without building it. */
    public void writeBase64(BufferedSink sink) throws IOException {
        if (bytes == null) {
            // ASCII: the UTF-8 bytes are the characters.
            sink.writeUtf8(base64Source, base64Begin, base64Source.length());
            return;
        }
        OutputStream encoder = Base64.getEncoder().wrap(new KeepOpen(sink.outputStream()));
        for (int from = 0; from < bytes.length; from += CHUNK) {
            encoder.write(bytes, from, Math.min(CHUNK, bytes.length - from));
        }
        encoder.close(); // writes the last quantum and its padding; the sink stays open
    }

    @Override
    public String toString() {
        return "LoadedImage[" + format + ", " + length + " bytes]";
    }

    /**
     * An output stream whose close() only flushes (the encoder's close must not close the sink).
     */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
