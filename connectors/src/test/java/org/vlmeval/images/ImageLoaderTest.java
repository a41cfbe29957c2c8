package org.vlmeval.images;

import org.vlmeval.endpoints.config.ImagesConfig;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageLoaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ImageLimits LIMITS = new ImageLimits(1_000_000, null);

    private final OkHttpClient http = new OkHttpClient();
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void dataIsDecodedAndAWrongMimeCorrected() throws Exception {
        byte[] png = image(8, 8, "png");

        LoadedImage loaded =
                loader(ImagesConfig.DEFAULT)
                        .load(ImageRef.ofData(base64(png), "image/jpeg"), LIMITS, TIMEOUT);

        assertThat(loaded.bytes()).isEqualTo(png);
        assertThat(loaded.mime()).isEqualTo("image/png");
    }

    @Test
    void dataUrlsAreAcceptedToo() throws Exception {
        byte[] jpeg = image(8, 8, "jpeg");

        LoadedImage loaded =
                loader(ImagesConfig.DEFAULT)
                        .load(
                                ImageRef.ofData("data:image/jpeg;base64," + base64(jpeg), null),
                                LIMITS,
                                TIMEOUT);

        assertThat(loaded.format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void oversizedDataIsRefusedBeforeDecoding() {
        // Not valid base64 at all: refusing it by size proves no decoding was attempted.
        String huge = "!".repeat(4000);

        assertThatThrownBy(
                        () ->
                                loader(ImagesConfig.DEFAULT)
                                        .load(
                                                ImageRef.ofData(huge, "image/png"),
                                                new ImageLimits(2000, null),
                                                TIMEOUT))
                .isInstanceOf(ImageException.class)
                .hasMessage("image data has about 3000 bytes, more than max_image_bytes 2000");
    }

    @Test
    void nonImageBytesAndBadBase64AreRefused() {
        String text = base64("<html>not an image</html>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(
                        () ->
                                loader(ImagesConfig.DEFAULT)
                                        .load(ImageRef.ofData(text, "image/png"), LIMITS, TIMEOUT))
                .hasMessageEndingWith("are not PNG, JPEG, GIF or WebP");
        assertThatThrownBy(
                        () ->
                                loader(ImagesConfig.DEFAULT)
                                        .load(
                                                ImageRef.ofData("@@@@", "image/png"),
                                                LIMITS,
                                                TIMEOUT))
                .hasMessageStartingWith("image data is not valid base64");
    }

    @Test
    void formatsAreRecognisedByMagicBytes() throws IOException {
        assertThat(ImageFormat.detect(image(2, 2, "png"))).isEqualTo(ImageFormat.PNG);
        assertThat(ImageFormat.detect(image(2, 2, "jpeg"))).isEqualTo(ImageFormat.JPEG);
        assertThat(ImageFormat.detect(image(2, 2, "gif"))).isEqualTo(ImageFormat.GIF);
        assertThat(ImageFormat.detect(webp())).isEqualTo(ImageFormat.WEBP);
        assertThat(ImageFormat.detect(new byte[] {'R', 'I', 'F', 'F'})).isNull();
        assertThat(ImageFormat.detect(new byte[0])).isNull();
    }

    @Test
    void largeImagesAreDownscaledKeepingAspectRatio() throws Exception {
        ImageLimits limits = new ImageLimits(1_000_000, 5_000L);

        LoadedImage png =
                loader(ImagesConfig.DEFAULT)
                        .load(
                                ImageRef.ofData(base64(image(200, 100, "png")), null),
                                limits,
                                TIMEOUT);
        LoadedImage jpeg =
                loader(ImagesConfig.DEFAULT)
                        .load(
                                ImageRef.ofData(base64(image(200, 100, "jpeg")), null),
                                limits,
                                TIMEOUT);
        LoadedImage gif =
                loader(ImagesConfig.DEFAULT)
                        .load(
                                ImageRef.ofData(base64(image(200, 100, "gif")), null),
                                limits,
                                TIMEOUT);

        assertThat(size(png)).isEqualTo("100x50");
        assertThat(png.format()).isEqualTo(ImageFormat.PNG);
        assertThat(size(jpeg)).isEqualTo("100x50");
        assertThat(jpeg.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(size(gif)).isEqualTo("100x50");
        assertThat(gif.format()).isEqualTo(ImageFormat.PNG);
    }

    @Test
    void imagesFarAboveTheBudgetAreDecodedSubsampledAndStillFitExactly() throws Exception {
        // 1000x500 to 5000 pixels: decoded every 7th pixel (143x72), then scaled to 100x50.
        LoadedImage fitted =
                loader(ImagesConfig.DEFAULT)
                        .load(
                                ImageRef.ofData(base64(image(1000, 500, "png")), null),
                                new ImageLimits(1_000_000, 5_000L),
                                TIMEOUT);

        assertThat(size(fitted)).isEqualTo("100x50");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(fitted.bytes()));
        // image() paints the left half orange: the halves survive subsampling.
        assertThat(decoded.getRGB(10, 25)).isEqualTo(Color.ORANGE.getRGB());
        assertThat(decoded.getRGB(90, 25)).isEqualTo(Color.BLACK.getRGB());
    }

    @Test
    void smallImagesAndWebpAreSentUnchanged() throws Exception {
        byte[] small = image(50, 50, "png");
        byte[] webp = webp();
        ImageLimits limits = new ImageLimits(1_000_000, 5_000L);

        assertThat(
                        loader(ImagesConfig.DEFAULT)
                                .load(ImageRef.ofData(base64(small), null), limits, TIMEOUT)
                                .bytes())
                .isEqualTo(small);
        assertThat(
                        loader(ImagesConfig.DEFAULT)
                                .load(ImageRef.ofData(base64(webp), null), limits, TIMEOUT)
                                .bytes())
                .isEqualTo(webp);
    }

    @Test
    void allowListedUrlIsFetched() throws Exception {
        byte[] png = image(4, 4, "png");
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(png)).build());

        LoadedImage loaded =
                loader(allow("127.0.0.1")).load(ImageRef.ofUrl(url("/a.png")), LIMITS, TIMEOUT);

        assertThat(loaded.bytes()).isEqualTo(png);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:1/x.png|image url host 127.0.0.1 is a loopback address; add it to images.allow_hosts to allow it",
                "http://10.0.0.1/x.png|image url host 10.0.0.1 is a private address; add it to images.allow_hosts to allow it",
                "http://172.20.1.1/x.png|image url host 172.20.1.1 is a private address; add it to images.allow_hosts to allow it",
                "http://192.168.1.10/x.png|image url host 192.168.1.10 is a private address; add it to images.allow_hosts to allow it",
                "http://169.254.169.254/latest/meta-data/|image url host 169.254.169.254 is a cloud metadata address; add it to images.allow_hosts to allow it",
                "http://169.254.10.1/x.png|image url host 169.254.10.1 is a link-local address; add it to images.allow_hosts to allow it",
                "http://100.64.0.1/x.png|image url host 100.64.0.1 is a carrier-grade NAT address (100.64.0.0/10); add it to images.allow_hosts to allow it",
                "http://0.0.0.0/x.png|image url host 0.0.0.0 is an unspecified address; add it to images.allow_hosts to allow it",
                "http://224.0.0.1/x.png|image url host 224.0.0.1 is a multicast or broadcast address; add it to images.allow_hosts to allow it",
                "http://[::1]/x.png|image url host ::1 is a loopback address; add it to images.allow_hosts to allow it",
                "http://[fd12:3456::1]/x.png|image url host fd12:3456::1 is a private address; add it to images.allow_hosts to allow it",
                "http://[fd00:ec2::254]/x.png|image url host fd00:ec2::254 is a cloud metadata address; add it to images.allow_hosts to allow it",
                "http://[::ffff:10.1.2.3]/x.png|image url host 10.1.2.3 is a private address; add it to images.allow_hosts to allow it",
                "http://[64:ff9b::a9fe:a9fe]/x.png|image url host 64:ff9b::a9fe:a9fe is a cloud metadata address; add it to images.allow_hosts to allow it",
                "http://metadata.google.internal/computeMetadata/v1/|image url host metadata.google.internal is a cloud metadata service; add it to images.allow_hosts to allow it",
                "http://2130706433/x.png|image url host 2130706433 is not an IPv4 address in a.b.c.d form; add it to images.allow_hosts to allow it",
                "http://0177.0.0.1/x.png|image url host 0177.0.0.1 is not an IPv4 address in a.b.c.d form; add it to images.allow_hosts to allow it",
                "http://127.0.0.1./x.png|image url host 127.0.0.1. is not an IPv4 address in a.b.c.d form; add it to images.allow_hosts to allow it",
                "http://[::127.0.0.1]/x.png|image url host ::7f00:1 is a loopback address; add it to images.allow_hosts to allow it",
                "http://%31%32%37.0.0.1/x.png|image url host 127.0.0.1 is a loopback address; add it to images.allow_hosts to allow it",
                "file:///etc/passwd|image url must be http or https, was file:///etc/passwd",
                "gopher://example.com/x|image url must be http or https, was gopher://example.com/x",
            })
    void internalAddressesAreRefusedBeforeConnecting(String urlAndMessage) {
        String[] parts = urlAndMessage.split("\\|");
        // No allow list, and the mock server must see no traffic.
        assertThatThrownBy(
                        () ->
                                loader(ImagesConfig.DEFAULT)
                                        .load(ImageRef.ofUrl(parts[0]), LIMITS, TIMEOUT))
                .isInstanceOf(ImageException.class)
                .hasMessage(parts[1]);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theMockServerItselfIsRefusedWithoutTheAllowList() {
        assertThatThrownBy(
                        () ->
                                loader(ImagesConfig.DEFAULT)
                                        .load(ImageRef.ofUrl(url("/a.png")), LIMITS, TIMEOUT))
                .hasMessageContaining("is a loopback address");
        assertThatThrownBy(
                        () ->
                                loader(ImagesConfig.DEFAULT)
                                        .load(
                                                ImageRef.ofUrl(
                                                        "http://localhost:"
                                                                + server.getPort()
                                                                + "/a.png"),
                                                LIMITS,
                                                TIMEOUT))
                .hasMessageStartingWith("image url host localhost resolves to")
                .hasMessageContaining("a loopback address");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void everyRedirectHopIsCheckedAgain() {
        server.enqueue(redirect("http://169.254.169.254/latest/meta-data/iam"));
        server.enqueue(redirect("http://10.0.0.1/internal.png"));

        assertThatThrownBy(
                        () ->
                                loader(allow("127.0.0.1"))
                                        .load(ImageRef.ofUrl(url("/r1")), LIMITS, TIMEOUT))
                .hasMessageStartingWith(
                        "image url host 169.254.169.254 is a cloud metadata address");
        assertThatThrownBy(
                        () ->
                                loader(allow("127.0.0.1"))
                                        .load(ImageRef.ofUrl(url("/r2")), LIMITS, TIMEOUT))
                .hasMessageStartingWith("image url host 10.0.0.1 is a private address");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void redirectsAreFollowedUpToFive() throws Exception {
        byte[] png = image(4, 4, "png");
        for (int i = 0; i < 5; i++) {
            server.enqueue(redirect("/hop" + (i + 1)));
        }
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(png)).build());
        assertThat(
                        loader(allow("127.0.0.1"))
                                .load(ImageRef.ofUrl(url("/hop0")), LIMITS, TIMEOUT)
                                .bytes())
                .isEqualTo(png);

        for (int i = 0; i < 6; i++) {
            server.enqueue(redirect("/loop"));
        }
        assertThatThrownBy(
                        () ->
                                loader(allow("127.0.0.1"))
                                        .load(ImageRef.ofUrl(url("/loop")), LIMITS, TIMEOUT))
                .hasMessageEndingWith("redirected more than 5 times");
    }

    @Test
    void redirectToAnotherSchemeIsRefused() {
        server.enqueue(redirect("file:///etc/passwd"));

        assertThatThrownBy(
                        () ->
                                loader(allow("127.0.0.1"))
                                        .load(ImageRef.ofUrl(url("/r")), LIMITS, TIMEOUT))
                .hasMessageEndingWith(
                        "redirected to file:///etc/passwd, which is not http or https");
    }

    @Test
    void byteLimitIsEnforcedWhileStreaming() {
        // Chunked: no Content-Length to check up front.
        server.enqueue(new MockResponse.Builder().chunkedBody("x".repeat(300_000), 4096).build());

        assertThatThrownBy(
                        () ->
                                loader(allow("127.0.0.1"))
                                        .load(
                                                ImageRef.ofUrl(url("/big")),
                                                new ImageLimits(100_000, null),
                                                TIMEOUT))
                .hasMessage("image url " + url("/big") + " is larger than max_image_bytes 100000");
    }

    @Test
    void httpErrorsAreReported() {
        server.enqueue(new MockResponse.Builder().code(404).build());

        assertThatThrownBy(
                        () ->
                                loader(allow("127.0.0.1"))
                                        .load(ImageRef.ofUrl(url("/missing.png")), LIMITS, TIMEOUT))
                .hasMessage("image url " + url("/missing.png") + " returned HTTP 404");
    }

    @Test
    void pathImagesAreReadFromUnderTheRoot(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("images"));
        byte[] png = image(4, 4, "png");
        Files.createDirectories(root.resolve("coco"));
        Files.write(root.resolve("coco/1.png"), png);

        ImageLoader loader = loader(new ImagesConfig(root.toString(), List.of()));

        assertThat(loader.load(ImageRef.ofPath("coco/1.png"), LIMITS, TIMEOUT).bytes())
                .isEqualTo(png);
        assertThat(
                        loader.load(
                                        ImageRef.ofPath(root.resolve("coco/1.png").toString()),
                                        LIMITS,
                                        TIMEOUT)
                                .bytes())
                .isEqualTo(png);
    }

    @Test
    void pathEscapesAreRefused(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("images"));
        Path secret = Files.write(dir.resolve("secret.png"), image(4, 4, "png"));
        Files.createSymbolicLink(root.resolve("link.png"), secret);
        Files.createSymbolicLink(root.resolve("linkdir"), dir);
        ImageLoader loader = loader(new ImagesConfig(root.toString(), List.of()));

        assertThatThrownBy(() -> loader.load(ImageRef.ofPath("../secret.png"), LIMITS, TIMEOUT))
                .hasMessage("image path ../secret.png refused: it must stay under images.root");
        assertThatThrownBy(
                        () ->
                                loader.load(
                                        ImageRef.ofPath("coco/../../secret.png"), LIMITS, TIMEOUT))
                .hasMessageEndingWith("refused: it must stay under images.root");
        assertThatThrownBy(() -> loader.load(ImageRef.ofPath(secret.toString()), LIMITS, TIMEOUT))
                .hasMessageEndingWith("refused: it must stay under images.root");
        assertThatThrownBy(() -> loader.load(ImageRef.ofPath("link.png"), LIMITS, TIMEOUT))
                .hasMessage(
                        "image path link.png refused: a symbolic link leads outside images.root");
        assertThatThrownBy(
                        () -> loader.load(ImageRef.ofPath("linkdir/secret.png"), LIMITS, TIMEOUT))
                .hasMessageEndingWith("a symbolic link leads outside images.root");
        assertThatThrownBy(() -> loader.load(ImageRef.ofPath("nope.png"), LIMITS, TIMEOUT))
                .hasMessage("image path nope.png does not exist under images.root");
    }

    @Test
    void pathImagesNeedAConfiguredRootAndRespectTheByteLimit(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("a.png"), image(40, 40, "png"));

        assertThatThrownBy(
                        () ->
                                loader(ImagesConfig.DEFAULT)
                                        .load(ImageRef.ofPath("a.png"), LIMITS, TIMEOUT))
                .hasMessage("image path a.png refused: images.root is not configured");
        assertThatThrownBy(
                        () ->
                                loader(new ImagesConfig(dir.toString(), List.of()))
                                        .load(
                                                ImageRef.ofPath("a.png"),
                                                new ImageLimits(10, null),
                                                TIMEOUT))
                .hasMessageStartingWith("image path a.png has ")
                .hasMessageEndingWith("bytes, more than max_image_bytes 10");
    }

    private ImageLoader loader(ImagesConfig config) {
        return new ImageLoader(config, http);
    }

    private static ImagesConfig allow(String host) {
        return new ImagesConfig(null, List.of(host));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    private static MockResponse redirect(String location) {
        return new MockResponse.Builder().code(302).setHeader("Location", location).build();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String size(LoadedImage image) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        return decoded.getWidth() + "x" + decoded.getHeight();
    }

    private static byte[] image(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** The header of a WebP file; enough for format detection, which is all the loader does. */
    private static byte[] webp() {
        return "RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
    }
}
