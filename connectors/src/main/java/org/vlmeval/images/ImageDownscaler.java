package org.vlmeval.images;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Shrinks images above a pixel budget, keeping the aspect ratio. Qwen2-VL-style servers bill one
 * token per 28x28 block, so a budget keeps cost predictable. PNG and GIF become PNG, JPEG stays
 * JPEG; WebP is returned unchanged because the JDK's ImageIO cannot decode it.
 */
final class ImageDownscaler {

    private ImageDownscaler() {}

    static LoadedImage fit(LoadedImage image, long maxPixels) throws ImageException {
        if (image.format() == ImageFormat.WEBP) {
            return image;
        }
        // Dimensions come from the header, so oversized images are detected without decoding.
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(image.bytes()))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageException("image bytes cannot be decoded as " + image.format());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height <= maxPixels) {
                    return image;
                }
                double scale = Math.sqrt((double) maxPixels / ((long) width * height));
                int newWidth = Math.max(1, (int) Math.floor(width * scale));
                int newHeight = Math.max(1, (int) Math.floor(height * scale));
                // Decode every n-th pixel only: a few KB of PNG can declare 30000x30000 pixels,
                // gigabytes as a full raster. Subsampled, it stays within ~4x the budget.
                ImageReadParam subsampled = reader.getDefaultReadParam();
                int step = Math.max(1, (int) Math.floor(1 / scale));
                subsampled.setSourceSubsampling(step, step, 0, 0);
                return encode(
                        resize(reader.read(0, subsampled), newWidth, newHeight, image.format()),
                        image.format());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageException("image cannot be decoded for downscaling: " + e, e);
        }
    }

    private static BufferedImage resize(
            BufferedImage source, int width, int height, ImageFormat format) {
        int type =
                format == ImageFormat.JPEG
                        ? BufferedImage.TYPE_INT_RGB
                        : BufferedImage.TYPE_INT_ARGB;
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static LoadedImage encode(BufferedImage image, ImageFormat original)
            throws IOException {
        ImageFormat format = original == ImageFormat.JPEG ? ImageFormat.JPEG : ImageFormat.PNG;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format == ImageFormat.JPEG ? "jpeg" : "png", out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return new LoadedImage(out.toByteArray(), format);
    }
}
