package org.vlmeval.images;

import java.util.Base64;

/** Image bytes ready to be sent inline, with their verified format. */
public final class LoadedImage {

    private final byte[] bytes;
    private final ImageFormat format;

    public LoadedImage(byte[] bytes, ImageFormat format) {
        this.bytes = bytes;
        this.format = format;
    }

    /** The bytes themselves (not a copy: images can be megabytes; do not modify). */
    public byte[] bytes() {
        return bytes;
    }

    public ImageFormat format() {
        return format;
    }

    public String mime() {
        return format.mime();
    }

    /** Plain base64, as Ollama's {@code images} list wants it. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A {@code data:} URL, as OpenAI-compatible servers want it. */
    public String dataUrl() {
        return "data:" + mime() + ";base64," + base64();
    }

    @Override
    public String toString() {
        return "LoadedImage[" + format + ", " + bytes.length + " bytes]";
    }
}
