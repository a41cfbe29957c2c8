package org.vlmeval.images;

import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Downloads image URLs for inline sending, guarded against SSRF: every hop (redirects are followed
 * here, at most {@value #MAX_REDIRECTS}) is checked before connecting, and the byte limit is
 * enforced while streaming so an endless body cannot exhaust memory.
 */
final class UrlImageFetcher {

    static final int MAX_REDIRECTS = 5;

    private final OkHttpClient client;
    private final HostGuard guard;

    /**
     * @param shared the application's client; a derived client shares its pool and dispatcher
     */
    UrlImageFetcher(OkHttpClient shared, HostGuard guard) {
        this.guard = guard;
        this.client =
                shared.newBuilder()
                        .dns(new GuardedDns(guard))
                        // Through a proxy the target would be resolved by the proxy, unchecked.
                        .proxy(Proxy.NO_PROXY)
                        .followRedirects(false)
                        .followSslRedirects(false)
                        .build();
    }

    byte[] fetch(String url, long maxBytes, Duration timeout) throws ImageException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpUrl current = parse(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            guard.checkBeforeConnecting(current.host());
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new ImageException("image url " + url + " timed out");
            }
            Call call = client.newCall(new Request.Builder().url(current).get().build());
            call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                if (response.isRedirect()) {
                    current = redirectTarget(current, response.header("Location"));
                    continue;
                }
                if (!response.isSuccessful()) {
                    throw new ImageException(
                            "image url " + current + " returned HTTP " + response.code());
                }
                return readLimited(response.body(), current, maxBytes);
            } catch (HostGuard.RefusedHostException e) {
                throw new ImageException(e.getMessage(), e);
            } catch (InterruptedIOException e) {
                throw new ImageException("image url " + current + " timed out", e);
            } catch (IOException e) {
                throw new ImageException("image url " + current + " cannot be fetched: " + e, e);
            }
        }
        throw new ImageException(
                "image url " + url + " redirected more than " + MAX_REDIRECTS + " times");
    }

    private static HttpUrl parse(String url) throws ImageException {
        int colon = url.indexOf(':');
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ImageException("image url must be http or https, was " + abbreviate(url));
        }
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new ImageException("image url is not a valid URL: " + abbreviate(url));
        }
        return parsed;
    }

    private static HttpUrl redirectTarget(HttpUrl from, String location) throws ImageException {
        if (location == null) {
            throw new ImageException("image url " + from + " redirected without a Location");
        }
        HttpUrl target = from.resolve(location);
        if (target == null) {
            // resolve() returns null for schemes other than http(s), e.g. file:
            throw new ImageException(
                    "image url "
                            + from
                            + " redirected to "
                            + abbreviate(location)
                            + ", which is not http or https");
        }
        return target;
    }

    private static byte[] readLimited(ResponseBody body, HttpUrl url, long maxBytes)
            throws IOException, ImageException {
        long declared = body.contentLength();
        if (declared > maxBytes) {
            throw tooLarge(url, maxBytes);
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (source.read(buffer, 64 * 1024) != -1) {
            if (buffer.size() > maxBytes) {
                throw tooLarge(url, maxBytes);
            }
        }
        return buffer.readByteArray();
    }

    private static ImageException tooLarge(HttpUrl url, long maxBytes) {
        return new ImageException(
                "image url " + url + " is larger than max_image_bytes " + maxBytes);
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
