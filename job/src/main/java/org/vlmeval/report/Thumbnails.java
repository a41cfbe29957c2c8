package org.vlmeval.report;

import org.vlmeval.images.ImageFormat;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;

/**
 * Small previews of request images as {@code data:} URIs: at most {@value #MAX_WIDTH} px wide and
 * {@value #MAX_HEIGHT} px high, transparent areas on white, encoded as JPEG or PNG, whichever is
 * smaller. Only the header is read before deciding how much to decode, so a small file declaring a
 * huge canvas is decoded subsampled, never as a full raster.
 */
final class Thumbnails {

    static final int MAX_WIDTH = 240;
    static final int MAX_HEIGHT = 480;

    /** Images with more pixels than this are refused outright (decompression bombs). */
    private static final long MAX_SOURCE_PIXELS = 200_000_000L;

    /** WebP cannot be decoded by ImageIO; small ones are embedded as they are. */
    private static final int MAX_WEBP_BYTES = 150_000;

    private Thumbnails() {}

    /**
     * The preview as a data URI.
     *
     * @throws IOException when the bytes are not a decodable PNG, JPEG, GIF or (small) WebP image
     */
    static String dataUri(byte[] bytes) throws IOException {
        ImageFormat format = ImageFormat.detect(bytes);
        if (format == null) {
            throw new IOException("not a PNG, JPEG, GIF or WebP image");
        }
        if (format == ImageFormat.WEBP) {
            if (bytes.length > MAX_WEBP_BYTES) {
                throw new IOException("WebP image too large to embed without downscaling");
            }
            return "data:image/webp;base64," + Base64.getEncoder().encodeToString(bytes);
        }
        BufferedImage thumb = decodeScaled(bytes);
        byte[] jpeg = jpeg(thumb);
        byte[] png = png(thumb);
        return jpeg.length < png.length
                ? "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg)
                : "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static BufferedImage decodeScaled(byte[] bytes) throws IOException {
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no decoder for the image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_SOURCE_PIXELS) {
                    throw new IOException("image of " + width + "x" + height + " refused");
                }
                double scale =
                        Math.min(
                                1.0,
                                Math.min((double) MAX_WIDTH / width, (double) MAX_HEIGHT / height));
                int w = Math.max(1, (int) Math.round(width * scale));
                int h = Math.max(1, (int) Math.round(height * scale));
                ImageReadParam param = reader.getDefaultReadParam();
                // Decode every n-th pixel only, keeping about 2x the target for a smooth resize.
                int step = Math.max(1, (int) Math.floor(1 / scale / 2));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage source = reader.read(0, param);
                BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = target.createGraphics();
                try {
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, w, h);
                    g.setRenderingHint(
                            RenderingHints.KEY_INTERPOLATION,
                            RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.setRenderingHint(
                            RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                    g.drawImage(source, 0, 0, w, h, null);
                } finally {
                    g.dispose();
                }
                return target;
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            throw new IOException("image cannot be decoded: " + e, e);
        }
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.82f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
