package org.vlmeval.testing;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

/** Small real PNGs for tests: a different image for every seed, the same bytes on every call. */
public final class TestImages {

    private TestImages() {}

    /** An 8×8 PNG with one pixel set by {@code seed} (0–63 are all different), as base64. */
    public static String pngBase64(int seed) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(seed % 8, seed / 8 % 8, 0xFF0000 + seed);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
