package org.vlmeval.images;

import org.vlmeval.endpoints.config.ImagesConfig;

import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Base64;

/**
 * Turns an {@link ImageRef} into verified image bytes for inline sending: {@code data} is decoded
 * after a size check, {@code url} is fetched with SSRF protection, {@code path} is read from under
 * {@code images.root}. The format comes from the bytes (a wrong MIME type is corrected), and images
 * above the pixel budget are downscaled. Blocking: call it off the caller's thread.
 */
public final class ImageLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ImageLoader.class);

    private final UrlImageFetcher urls;
    private final ImageRoot root;

    /**
     * @param shared the application's HTTP client; URL fetches share its connection pool
     */
    public ImageLoader(ImagesConfig config, OkHttpClient shared) {
        this.urls = new UrlImageFetcher(shared, new HostGuard(config));
        this.root = new ImageRoot(config.root());
    }

    /**
     * @param timeout how long a URL fetch may take, redirects included
     * @throws ImageException when the image is refused or cannot be loaded; the message says why
     */
    public LoadedImage load(ImageRef ref, ImageLimits limits, Duration timeout)
            throws ImageException {
        byte[] bytes;
        if (ref.data() != null) {
            bytes = decode(ref.data(), limits.maxBytes());
        } else if (ref.url() != null) {
            bytes = urls.fetch(ref.url(), limits.maxBytes(), timeout);
        } else {
            bytes = root.read(ref.path(), limits.maxBytes());
        }
        ImageFormat format = ImageFormat.detect(bytes);
        if (format == null) {
            throw new ImageException("image bytes from " + ref + " are not PNG, JPEG, GIF or WebP");
        }
        if (ref.mime() != null && !ref.mime().equalsIgnoreCase(format.mime())) {
            LOG.debug("{} declared {} but its bytes are {}", ref, ref.mime(), format.mime());
        }
        LoadedImage image = new LoadedImage(bytes, format);
        LoadedImage sent = image;
        if (limits.maxPixels() != null) {
            if (format == ImageFormat.WEBP) {
                LOG.debug(
                        "{}: WebP sent unchanged; ImageIO cannot decode it to check its size", ref);
            } else {
                sent = ImageDownscaler.fit(image, limits.maxPixels());
            }
        }
        return sent == image ? keepAsText(ref, image) : sent;
    }

    /**
     * An image sent as it came in canonical base64 text is kept as a view of that text (which the
     * question holds for the whole call anyway), so a call in flight holds no second copy.
     */
    private static LoadedImage keepAsText(ImageRef ref, LoadedImage image) {
        if (ref.data() == null) {
            return image;
        }
        int begin = base64Begin(ref.data());
        return LoadedImage.isCanonicalBase64(ref.data(), begin, image.bytes())
                ? LoadedImage.ofCanonicalBase64(ref.data(), begin, image.length(), image.format())
                : image;
    }

    private static byte[] decode(String data, long maxBytes) throws ImageException {
        String base64 = stripDataUrlPrefix(data);
        // Refuse before decoding: decoding an oversized string would allocate it all.
        if ((long) base64.length() * 3 / 4 > maxBytes) {
            throw new ImageException(
                    "image data has about "
                            + (long) base64.length() * 3 / 4
                            + " bytes, more than max_image_bytes "
                            + maxBytes);
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ImageException("image data is not valid base64: " + e.getMessage(), e);
        }
    }

    /** Accepts a whole data: URL as well as bare base64, since both are common in datasets. */
    private static String stripDataUrlPrefix(String data) {
        int begin = base64Begin(data);
        return begin == 0 ? data : data.substring(begin);
    }

    /** Where the base64 text starts: after a data: URL's comma, else at 0. */
    private static int base64Begin(String data) {
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            return comma < 0 ? 0 : comma + 1;
        }
        return 0;
    }
}
