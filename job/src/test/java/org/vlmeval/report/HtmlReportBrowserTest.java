package org.vlmeval.report;

import org.vlmeval.compare.Comparison;
import org.vlmeval.compare.RunComparison;
import org.vlmeval.testing.PlantedRuns;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vlmeval.report.HtmlReportTest.blocks;

/**
 * Opens a generated report in headless Chromium: the page's script runs without errors under its
 * Content-Security-Policy, fills the counts, applies a filter from the URL hash; a screenshot is
 * kept as {@code target/report-screenshot.png}. Skipped (with the reason) where Chromium is not
 * installed.
 */
class HtmlReportBrowserTest {

    private static final long TIMEOUT_SECONDS = 90;

    @TempDir static Path dir;

    private static String chromium;
    private static Path report;

    @BeforeAll
    static void generate() throws Exception {
        Path target = Files.createDirectories(Path.of("target"));
        report = target.resolve("report-browser-test.html").toAbsolutePath();
        HtmlReport.write(
                report,
                ReportFixtures.rows(),
                ReportFixtures.corpus(dir),
                "These recordings are illustrative.");
    }

    /** Per test, not in @BeforeAll: surefire reports an aborted @BeforeAll as no tests at all. */
    @BeforeEach
    void requireChromium() {
        if (chromium == null) {
            chromium = findChromium();
        }
    }

    @Test
    void scriptRunsWithoutErrorsAndFillsTheCounts() throws Exception {
        String dom = dumpDom("");

        assertThat(dom).contains("<body data-ready=\"true\">");
        assertThat(errors(dom)).isEmpty();
        assertThat(dom)
                .contains("<span id=\"shown-count\">7</span>")
                .contains("<span id=\"answer-count\">21</span>")
                .contains("<table class=\"models\">")
                .contains("<table class=\"categories\">")
                .contains("<form id=\"filters\" class=\"filters\">");
        assertThat(blocks(dom, "<article class=\"case\"", ">")).hasSize(7);
        assertThat(dom).doesNotContain("<article class=\"case\" hidden");
        // The escaped answer stayed text: no script of its own ran or was inserted.
        assertThat(dom).contains("&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void modelFilterFromTheUrlHashHidesTheOtherModelsAnswers() throws Exception {
        String dom = dumpDom("#model=qwen2-vl-7b");

        assertThat(errors(dom)).isEmpty();
        List<String> answers = blocks(dom, "<div class=\"answer\" ", ">");
        assertThat(answers).hasSize(21);
        for (String a : answers) {
            if (a.contains("data-model=\"qwen2-vl-7b\"")) {
                assertThat(a).doesNotContain("hidden");
            } else {
                assertThat(a).contains("hidden");
            }
        }
        assertThat(dom)
                .contains("<span id=\"shown-count\">7</span>")
                .contains("<span id=\"answer-count\">7</span>");
    }

    @Test
    void verdictFilterFromTheUrlHashKeepsOnlyMatchingCases() throws Exception {
        String dom = dumpDom("#verdict=error");

        assertThat(errors(dom)).isEmpty();
        assertThat(dom)
                .contains("<span id=\"shown-count\">1</span>")
                .contains("<span id=\"answer-count\">1</span>");
        List<String> visible = new ArrayList<>();
        for (String c : blocks(dom, "<article class=\"case\"", ">")) {
            if (!c.contains("hidden")) {
                visible.add(c);
            }
        }
        assertThat(visible).hasSize(1).allMatch(c -> c.contains("data-id=\"kcal\""));
    }

    @Test
    void screenshotIsWritten() throws Exception {
        Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(png);

        run("--screenshot=" + png, "--window-size=1280,2000", url(""));

        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(1000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void chartsAreDrawnWithTheirColoursUnderTheContentSecurityPolicy() throws Exception {
        Path png = dir.resolve("charts.png");

        run("--screenshot=" + png, "--window-size=1280,2000", url(""));

        // The bars are coloured by classes of the report's stylesheet (allowed by its hash): if
        // the SVG did not render, or the stylesheet were blocked, these colours would be absent.
        // Series 0 is #4c78a8, series 1 #f58518, both at 85% opacity over white.
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(pixelsNear(image, blend(0x4c78a8))).isGreaterThan(2_000);
        assertThat(pixelsNear(image, blend(0xf58518))).isGreaterThan(2_000);
    }

    @Test
    void theComparisonPageDrawsTheRegressionInRedWithoutErrors() throws Exception {
        Comparison c =
                new RunComparison(0.05, 2)
                        .compare(
                                "base",
                                PlantedRuns.run("base", PlantedRuns.BASELINE),
                                "cand",
                                PlantedRuns.run("cand", PlantedRuns.FIVE_POINTS_WORSE));
        Path page = Path.of("target", "compare-browser-test.html").toAbsolutePath();
        ComparisonHtml.write(page, c);

        String dom = run("--dump-dom", page.toUri().toString());
        assertThat(errors(dom)).isEmpty();
        assertThat(dom).contains("<g class=\"row regression\"");
        Path png = Path.of("target", "compare-screenshot.png").toAbsolutePath();
        run("--screenshot=" + png, "--window-size=1280,1200", page.toUri().toString());
        // The regression's bar is #d62728 at 85% opacity: drawn, and styled under the policy.
        assertThat(pixelsNear(ImageIO.read(png.toFile()), blend(0xd62728))).isGreaterThan(200);
    }

    /** The colour {@code rgb} at 85% opacity over white. */
    private static int blend(int rgb) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = (rgb >> shift) & 0xff;
            out = (out << 8) | (int) Math.round(0.85 * c + 0.15 * 255);
        }
        return out;
    }

    private static int pixelsNear(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    d = Math.max(d, Math.abs(((p >> shift) & 0xff) - ((rgb >> shift) & 0xff)));
                }
                if (d <= 6) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String dumpDom(String hash) throws Exception {
        return run("--dump-dom", url(hash));
    }

    private static String url(String hash) {
        return report.toUri() + hash;
    }

    /** Runs Chromium with the common flags plus {@code args}; returns its stdout. */
    private static String run(String... args) throws Exception {
        Path profile = Files.createTempDirectory(dir, "profile");
        Path out = dir.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = dir.resolve("chromium-" + System.nanoTime() + ".err");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                chromium,
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--no-first-run",
                                "--no-default-browser-check",
                                "--disable-extensions",
                                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process p =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(
                        "Chromium did not finish within "
                                + TIMEOUT_SECONDS
                                + " s: "
                                + command
                                + "\n"
                                + tail(err));
            }
            assertThat(p.exitValue()).as("Chromium exit code; stderr:\n%s", tail(err)).isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static String errors(String dom) {
        Matcher m =
                Pattern.compile("<pre id=\"report-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL)
                        .matcher(dom);
        assertThat(m.find()).as("#report-errors in the DOM").isTrue();
        return m.group(1);
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    private static String findChromium() {
        String path = System.getenv("PATH");
        List<String> searched = new ArrayList<>();
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : path == null ? new String[0] : path.split(File.pathSeparator)) {
                if (d.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(d, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            searched.add(name);
        }
        Assumptions.abort(
                "Chromium not installed: neither "
                        + String.join(" nor ", searched)
                        + " is on the PATH (Debian: apt-get install -y chromium)");
        return null;
    }
}
