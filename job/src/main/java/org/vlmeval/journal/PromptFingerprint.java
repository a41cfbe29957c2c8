package org.vlmeval.journal;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.images.ImageRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A stable hash of what a call sends, so that a journalled outcome is reused only for the same
 * prompt: SHA-256, lower-case hex, over a versioned, length-prefixed encoding of
 *
 * <ul>
 *   <li>the model id ({@code model}) and the endpoint's prompt shaping: {@code family} (which
 *       decides, e.g., that Llama 3.2 Vision gets no system message with an image), {@code
 *       system_prompt}, {@code temperature}, {@code max_tokens};
 *   <li>how the image is sent: {@code image_mode} and {@code max_image_pixels} (downscaling);
 *   <li>the question text;
 *   <li>the image reference as given: its URL, its path, or its inline base64 data and MIME type.
 *       The bytes behind a URL or a path are not read: an image replaced under the same name keeps
 *       the fingerprint (give it a new name, or a new run id, to ask again).
 * </ul>
 *
 * Not included, because they do not change what the model is asked: the endpoint's name (it is a
 * key column of its own), the base URL, timeouts, retries, pacing and prices. Every field of the
 * encoding is present (null is encoded distinctly from the empty string), so no two different
 * inputs can run together. Changing the encoding needs a new version prefix.
 */
public final class PromptFingerprint {

    /** Bumped when the encoding changes: old journal rows then simply stop matching. */
    static final String VERSION = "vlm-eval-prompt-v1";

    private PromptFingerprint() {}

    /** The fingerprint of asking {@code question} (about {@code image}, or null) at {@code e}. */
    public static String of(EndpointConfig e, String question, ImageRef image) {
        Objects.requireNonNull(e, "endpoint");
        Objects.requireNonNull(question, "question");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
        put(sha, VERSION);
        put(sha, e.model());
        put(sha, e.family() == null ? null : e.family().name());
        put(sha, e.systemPrompt());
        put(sha, Double.toString(e.temperature()));
        put(sha, Integer.toString(e.maxTokens()));
        put(sha, e.imageMode() == null ? null : e.imageMode().name());
        put(sha, e.maxImagePixels() == null ? null : Long.toString(e.maxImagePixels()));
        put(sha, question);
        put(sha, image == null ? "no-image" : "image");
        if (image != null) {
            put(sha, image.url());
            put(sha, image.path());
            put(sha, image.mime());
            put(sha, image.data());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A field: -1 for null, else its UTF-8 length and bytes. */
    private static void put(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(intBytes(-1));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(intBytes(bytes.length));
        sha.update(bytes);
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
