package org.vlmeval.judges;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of an image's content: SHA-256 of its bytes, in lower-case hex. The same picture sent by
 * URL, by path or inline has one key, so its objects are judged once for every model.
 */
public final class ImageKeys {

    private ImageKeys() {}

    public static String sha256(byte[] imageBytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(imageBytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
