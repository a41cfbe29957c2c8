package org.vlmeval.report;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.sinks.files.EndpointStats;
import org.vlmeval.sinks.files.Figures;
import org.vlmeval.sinks.files.RunSummary;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vlmeval.report.ReportFixtures.MODELS;
import static org.vlmeval.report.ReportFixtures.XSS;

class HtmlReportTest {

    @TempDir Path dir;

    private String report(List<AnswerRow> rows, Path corpus, String note) throws Exception {
        Path file = dir.resolve("out/report.html");
        HtmlReport.write(file, rows, corpus, note);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void summaryHasOneRowPerModelAndCategoryTableOneRowPerCategory() throws Exception {
        String html = report(ReportFixtures.rows(), ReportFixtures.corpus(dir), null);

        String models = between(html, "<table class=\"models\">", "</table>");
        assertThat(attributes(models, "tr", "data-model")).containsExactlyElementsOf(MODELS);
        String categories = between(html, "<table class=\"categories\">", "</table>");
        assertThat(attributes(categories, "tr", "data-category"))
                .containsExactly("charts", "counting", "ocr", "reasoning");
        assertThat(html).contains("<p class=\"runs\">Run <code>replay-test</code></p>");
    }

    @Test
    void summaryNumbersAreRunSummarys() throws Exception {
        List<AnswerRow> rows = ReportFixtures.rows();
        String html = report(rows, ReportFixtures.corpus(dir), null);
        EndpointStats gpt = RunSummary.of(rows).models().get("gpt-4o-mini");
        EndpointStats llama = RunSummary.of(rows).models().get("llama-3.2-11b-vision");

        String gptRow = between(html, "<tr data-model=\"gpt-4o-mini\">", "</tr>");
        assertThat(gpt.correct()).isEqualTo(5);
        assertThat(gpt.scored()).isEqualTo(6);
        assertThat(gptRow)
                .contains(
                        "<td>"
                                + Figures.percent(gpt.accuracy())
                                + " ["
                                + String.format(
                                        java.util.Locale.ROOT,
                                        "%.1f–%.1f",
                                        gpt.accuracyCi().low() * 100,
                                        gpt.accuracyCi().high() * 100)
                                + "] (5/6)</td>")
                .contains("<td>" + gpt.latencyMsP50() + "</td>")
                .contains("<td>" + gpt.inputTokens() + "/" + gpt.outputTokens() + "</td>")
                .contains("<td>" + Figures.cost(gpt.cost()) + "</td>");
        assertThat(between(html, "<tr data-model=\"llama-3.2-11b-vision\">", "</tr>"))
                .contains("<td>" + llama.errors() + " (timeout: 1)</td>");
        assertThat(between(html, "<tr data-category=\"ocr\">", "</tr>"))
                .contains("50.0% <small>(1/2)</small>");
    }

    @Test
    void rateChartsDrawEachModelsRateWithItsIntervalAsAWhisker() throws Exception {
        List<AnswerRow> rows = ReportFixtures.rows();
        String html = report(rows, ReportFixtures.corpus(dir), null);
        RunSummary summary = RunSummary.of(rows);

        List<String> charts = blocks(html, "<figure class=\"chart rates\">", "</figure>");
        assertThat(charts).hasSize(3);
        assertThat(charts.get(0)).contains("<figcaption>Accuracy per model</figcaption>");
        assertThat(charts.get(1)).contains("<figcaption>Refusal rate per model</figcaption>");
        assertThat(charts.get(2)).contains("<figcaption>Hallucination rate per model</figcaption>");
        List<String> accuracyRows = blocks(charts.get(0), "<g class=\"row\"", "</g>");
        assertThat(accuracyRows).hasSize(MODELS.size());
        for (String row : accuracyRows) {
            EndpointStats st = summary.models().get(attribute(row, "data-name"));
            // The bar ends at the rate and the whisker spans the Wilson interval, on a
            // 0-100% axis of PLOT_WIDTH pixels starting at LABEL_WIDTH.
            assertThat(Double.parseDouble(attribute(row, "data-value")))
                    .isCloseTo(st.accuracy(), org.assertj.core.data.Offset.offset(5e-5));
            assertThat(attribute(row, "width"))
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", 360 * st.accuracy()));
            String whisker = attribute(row, "d");
            assertThat(whisker)
                    .startsWith(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "M%.2f %dH%.2f",
                                    170 + 360 * st.accuracyCi().low(),
                                    bandMiddle(row),
                                    170 + 360 * st.accuracyCi().high()));
            assertThat(row).contains(Figures.withInterval(st.accuracy(), st.accuracyCi()));
        }
        // A model without a denominator gets a "no data" line instead of a bar.
        long withObjects =
                summary.models().values().stream()
                        .filter(st -> st.hallucinationRate() != null)
                        .count();
        assertThat(blocks(charts.get(2), "<g class=\"row\"", "</g>")).hasSize((int) withObjects);
        assertThat(blocks(charts.get(2), "<text class=\"na\"", "</text>"))
                .hasSize(MODELS.size() - (int) withObjects)
                .allSatisfy(t -> assertThat(t).contains("no answers with objects"));
        List<AnswerRow> noReferences =
                rows.stream()
                        .filter(r -> !r.endpoint().equals("qwen2-vl-7b") || r.correct() == null)
                        .toList();
        String partial = report(noReferences, ReportFixtures.corpus(dir), null);
        String accuracy = blocks(partial, "<figure class=\"chart rates\">", "</figure>").get(0);
        assertThat(blocks(accuracy, "<g class=\"row\"", "</g>")).hasSize(MODELS.size() - 1);
        assertThat(accuracy).contains("<text class=\"na\" x=\"174\" y=\"77\">no scored answers");
    }

    @Test
    void categoryChartHasABarPerModelInEachCategoryAndALegend() throws Exception {
        List<AnswerRow> rows = ReportFixtures.rows();
        String html = report(rows, ReportFixtures.corpus(dir), null);
        RunSummary summary = RunSummary.of(rows);

        String chart = between(html, "<figure class=\"chart categories\">", "</figure>");
        long expectedBars =
                summary.categories().values().stream()
                        .flatMap(byModel -> byModel.values().stream())
                        .filter(st -> st.accuracy() != null)
                        .count();
        List<String> bars = blocks(chart, "<g class=\"row\"", "</g>");
        assertThat(bars).hasSize((int) expectedBars);
        String ocrGpt =
                bars.stream()
                        .filter(b -> attribute(b, "data-name").equals("ocr — gpt-4o-mini"))
                        .findFirst()
                        .orElseThrow();
        EndpointStats st = summary.categories().get("ocr").get("gpt-4o-mini");
        assertThat(Double.parseDouble(attribute(ocrGpt, "data-value")))
                .isCloseTo(st.accuracy(), org.assertj.core.data.Offset.offset(5e-5));
        // One colour per model, the same in every category, named in the legend.
        for (int m = 0; m < MODELS.size(); m++) {
            assertThat(chart)
                    .contains("<text class=\"legend\" x=\"188\" y=\"")
                    .contains(">" + MODELS.get(m) + "</text>");
        }
        assertThat(attributes(chart, "text", "class")).contains("group");
    }

    @Test
    void pairwiseMatrixShowsRowMinusColumnWithThePairsExactTest() throws Exception {
        List<AnswerRow> rows = ReportFixtures.rows();
        String html = report(rows, ReportFixtures.corpus(dir), null);
        var pairs = org.vlmeval.sinks.files.EndpointPairs.of(rows);

        String table = between(html, "<table class=\"pairwise\">", "</table>");
        assertThat(attributes(table, "tr", "data-row")).containsExactlyElementsOf(MODELS);
        for (var p : pairs) {
            if (p.difference() == null) {
                continue;
            }
            String rowA = between(table, "<tr data-row=\"" + p.a() + "\">", "</tr>");
            String rowB = between(table, "<tr data-row=\"" + p.b() + "\">", "</tr>");
            // Row a, column b shows a - b; row b, column a its negation.
            assertThat(rowA)
                    .contains(
                            PairwiseTable.points(p.difference().estimate())
                                    + " ["
                                    + PairwiseTable.points(p.difference().low())
                                    + ", "
                                    + PairwiseTable.points(p.difference().high())
                                    + "]")
                    .contains("n = " + p.events());
            assertThat(rowB)
                    .contains(
                            PairwiseTable.points(-p.difference().estimate())
                                    + " ["
                                    + PairwiseTable.points(-p.difference().high())
                                    + ", "
                                    + PairwiseTable.points(-p.difference().low())
                                    + "]");
        }
    }

    /** The y of a row's whisker: the middle of its bar. */
    private static int bandMiddle(String row) {
        return Integer.parseInt(attribute(row, "y")) + SvgCharts.BAR_HEIGHT / 2;
    }

    @Test
    void oneCaseBlockPerRequestSortedByCategoryThenIdWithOneAnswerPerEndpoint() throws Exception {
        String html = report(ReportFixtures.rows(), ReportFixtures.corpus(dir), null);

        List<String> cases = blocks(html, "<article class=\"case\"", "</article>");
        assertThat(cases).hasSize(ReportFixtures.IDS_IN_ORDER.size());
        List<String> ids = new ArrayList<>();
        for (String c : cases) {
            ids.add(attribute(c, "data-id"));
            assertThat(attributes(c, "div class=\"answer\"", "data-model"))
                    .as("answers of %s", ids.get(ids.size() - 1))
                    .containsExactlyElementsOf(MODELS);
        }
        assertThat(ids).containsExactlyElementsOf(ReportFixtures.IDS_IN_ORDER);
        assertThat(html).contains("<span id=\"case-count\" data-total=\"7\">7</span>");
    }

    @Test
    void verdictBadges() throws Exception {
        String html = report(ReportFixtures.rows(), ReportFixtures.corpus(dir), null);
        String kcal = caseBlock(html, "kcal");

        assertThat(kcal)
                .contains("<span class=\"badge v-refusal\">refusal</span>")
                .contains("<span class=\"badge v-wrong\">wrong</span>")
                .contains("<span class=\"badge v-hallucination\">hallucination: dog</span>")
                .contains("<span class=\"badge v-error\">error: timeout</span>")
                .contains("no answer within 90s");
        assertThat(caseBlock(html, "escape"))
                .contains("<span class=\"badge v-no-reference\">no reference</span>");
        assertThat(caseBlock(html, "pick"))
                .contains("<span class=\"badge v-correct\">correct</span>");
    }

    @Test
    void everyTextIsEscaped() throws Exception {
        String html = report(ReportFixtures.rows(), ReportFixtures.corpus(dir), "<i>note</i>");

        assertThat(html).doesNotContain(XSS).doesNotContain("alert(1)</script>");
        assertThat(html)
                .contains(
                        "<p class=\"text\">&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>");
        // Only the report's own two scripts.
        assertThat(count(html, "<script")).isEqualTo(2);
        assertThat(html)
                .contains("Is &lt;b&gt;this&lt;/b&gt; bold?")
                .contains("<td>&lt;b&gt;tea&lt;/b&gt;</td>")
                .contains("<p class=\"note\">&lt;i&gt;note&lt;/i&gt;</p>")
                .doesNotContain("<b>this</b>")
                .doesNotContain("<i>note</i>");
    }

    @Test
    void contentSecurityPolicyAllowsExactlyTheInlineScriptsAndStyleByHash() throws Exception {
        String html = report(ReportFixtures.rows(), ReportFixtures.corpus(dir), null);
        String csp = between(html, "http-equiv=\"Content-Security-Policy\" content=\"", "\"");

        assertThat(csp)
                .startsWith("default-src 'none'; img-src data:; ")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval")
                .contains("base-uri 'none'");
        for (String script : blocks(html, "<script>", "</script>")) {
            String body = script.substring("<script>".length(), script.length() - 9);
            assertThat(csp).contains("'" + HtmlReport.sha256(body) + "'");
        }
        String style = between(html, "<style>", "</style>");
        assertThat(csp).contains("style-src '" + HtmlReport.sha256(style) + "'");
        assertThat(html).doesNotContain(" style=\"").doesNotContain(" onclick=");
        // The error recorder comes first.
        assertThat(html.indexOf("window.onerror")).isLessThan(html.indexOf("<style>"));
        assertThat(html).contains("<pre id=\"report-errors\" hidden></pre>");
    }

    @Test
    void pathImageIsAThumbnailDataUriAtMost240PixelsWide() throws Exception {
        String html = report(ReportFixtures.rows(), ReportFixtures.corpus(dir), null);

        BufferedImage thumb = thumbnail(caseBlock(html, "cat-count"));
        assertThat(thumb.getWidth()).isEqualTo(240);
        assertThat(thumb.getHeight()).isEqualTo(180);
        BufferedImage inline = thumbnail(caseBlock(html, "fruit-kinds"));
        assertThat(inline.getWidth()).isEqualTo(240);
        assertThat(inline.getHeight()).isEqualTo(80);
    }

    @Test
    void pathEscapingTheCorpusWithDotDotIsRefused() throws Exception {
        String html = report(ReportFixtures.rows(), ReportFixtures.corpus(dir), null);

        String kcal = caseBlock(html, "kcal");
        assertThat(kcal).contains("image unavailable").doesNotContain("<img");
    }

    @Test
    void symbolicLinkOutOfTheCorpusIsRefused() throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("linked"));
        Files.write(dir.resolve("secret.png"), ReportFixtures.png(50, 50));
        Files.write(corpus.resolve("inside.png"), ReportFixtures.png(50, 50));
        Files.createSymbolicLink(corpus.resolve("link.png"), dir.resolve("secret.png"));
        Files.writeString(
                corpus.resolve("c.jsonl"),
                "{\"id\":\"cat-count\",\"image\":{\"path\":\"link.png\"},\"question\":\"q\"}\n"
                        + "{\"id\":\"pick\",\"image\":{\"path\":\"inside.png\"},\"question\":\"q\"}\n"
                        + "{\"id\":\"kcal\",\"image\":{\"path\":\""
                        + dir.resolve("secret.png").toAbsolutePath()
                        + "\"},\"question\":\"q\"}\n");
        String html = report(ReportFixtures.rows(), corpus, null);

        assertThat(caseBlock(html, "cat-count"))
                .contains("image unavailable")
                .doesNotContain("<img");
        assertThat(caseBlock(html, "kcal")).contains("image unavailable").doesNotContain("<img");
        assertThat(caseBlock(html, "pick")).contains("<img src=\"data:image/");
    }

    @Test
    void urlImageIsShownAsTextAndNeverFetched() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    hits.incrementAndGet();
                    byte[] png = ReportFixtures.png(10, 10);
                    exchange.sendResponseHeaders(200, png.length);
                    exchange.getResponseBody().write(png);
                    exchange.close();
                });
        server.start();
        try {
            String url =
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/sign.png?a=1&b=<2>";
            String html = report(ReportFixtures.rows(), ReportFixtures.corpus(dir, url), null);

            String c = caseBlock(html, "url-image");
            assertThat(c)
                    .contains("a URL is not fetched")
                    .contains(
                            "<code class=\"url\">http://127.0.0.1:"
                                    + server.getAddress().getPort()
                                    + "/sign.png?a=1&amp;b=&lt;2&gt;</code>")
                    .doesNotContain("<img");
            assertThat(hits).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void referencesAreRenderedReadably() throws Exception {
        String html = report(ReportFixtures.rows(), ReportFixtures.corpus(dir), null);

        assertThat(caseBlock(html, "cat-count"))
                .contains("<span class=\"num\">3 ± 0.5</span>")
                .contains("<span class=\"chip\">sofa</span>");
        assertThat(caseBlock(html, "kcal"))
                .contains("<span class=\"chip\">100</span> <span class=\"chip\">100 kcal</span>");
        assertThat(caseBlock(html, "pick"))
                .contains("<li class=\"right\"><b>B</b> a cat ✓</li>")
                .contains("<li><b>A</b> a dog</li>");
        assertThat(caseBlock(html, "menu-table"))
                .contains("<thead><tr><th>dish</th><th>price</th></tr></thead>")
                .contains("<tr><td>soup</td><td>4</td></tr>");
        assertThat(caseBlock(html, "url-image")).contains("<code>(?i)\\bstop\\b</code>");
        // From a recorded-response line.
        assertThat(caseBlock(html, "fruit-kinds")).contains("<span class=\"chip\">苹果</span>");
        assertThat(caseBlock(html, "escape")).contains("<p class=\"ref none\">no reference</p>");
    }

    @Test
    void sameInputsGiveByteIdenticalFilesWhateverTheRowOrder() throws Exception {
        Path corpus = ReportFixtures.corpus(dir);
        List<AnswerRow> rows = ReportFixtures.rows();
        Path a = dir.resolve("a.html");
        Path b = dir.resolve("b.html");
        HtmlReport.write(a, rows, corpus, "n");
        List<AnswerRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(42));
        HtmlReport.write(b, shuffled, corpus, "n");

        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        HtmlReport.write(a, rows, corpus, "n");
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void noteIsShownAtTheTopAndOmittedWhenNull() throws Exception {
        Path corpus = ReportFixtures.corpus(dir);
        String note = "These recordings are illustrative, not measurements.";
        String with = report(ReportFixtures.rows(), corpus, note);
        assertThat(with).contains("<p class=\"note\">" + note + "</p>");
        assertThat(with.indexOf(note)).isLessThan(with.indexOf("<section class=\"summary\""));

        assertThat(report(ReportFixtures.rows(), corpus, null)).doesNotContain("class=\"note\"");
    }

    @Test
    void withoutACorpusCasesStillShowQuestionsAndAnswers() throws Exception {
        String html = report(ReportFixtures.rows(), dir.resolve("missing.jsonl"), null);

        assertThat(blocks(html, "<article class=\"case\"", "</article>")).hasSize(7);
        assertThat(caseBlock(html, "pick"))
                .contains("request not found in the corpus")
                .contains("Which one?");
    }

    @Test
    void aSingleJsonlFileIsACorpusToo() throws Exception {
        Path corpus = ReportFixtures.corpus(dir).resolve("requests.jsonl");
        String html = report(ReportFixtures.rows(), corpus, null);

        assertThat(caseBlock(html, "cat-count")).contains("<img src=\"data:image/");
        assertThat(caseBlock(html, "kcal")).contains("image unavailable");
    }

    // --- helpers --------------------------------------------------------------------------

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'%s' in the report", start).isGreaterThanOrEqualTo(0);
        int to = text.indexOf(end, from + start.length());
        assertThat(to).as("'%s' after '%s'", end, start).isGreaterThanOrEqualTo(0);
        return text.substring(from + start.length(), to);
    }

    static List<String> blocks(String text, String start, String end) {
        List<String> out = new ArrayList<>();
        int from = text.indexOf(start);
        while (from >= 0) {
            int to = text.indexOf(end, from);
            out.add(text.substring(from, to + end.length()));
            from = text.indexOf(start, to);
        }
        return out;
    }

    static String caseBlock(String html, String id) {
        for (String c : blocks(html, "<article class=\"case\"", "</article>")) {
            if (c.contains("data-id=\"" + id + "\"")) {
                return c;
            }
        }
        throw new AssertionError("no case " + id);
    }

    private static List<String> attributes(String html, String tag, String attribute) {
        List<String> out = new ArrayList<>();
        Matcher m =
                Pattern.compile("<" + Pattern.quote(tag) + "[^>]*? " + attribute + "=\"([^\"]*)\"")
                        .matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String attribute(String element, String attribute) {
        Matcher m = Pattern.compile(" " + attribute + "=\"([^\"]*)\"").matcher(element);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static BufferedImage thumbnail(String caseHtml) throws Exception {
        Matcher m =
                Pattern.compile("<img src=\"data:image/(png|jpeg);base64,([A-Za-z0-9+/=]+)\"")
                        .matcher(caseHtml);
        assertThat(m.find()).as("a data URI image in %s", caseHtml).isTrue();
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
    }
}
