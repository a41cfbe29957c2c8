package org.vlmeval.report;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.scoring.Verdict;
import org.vlmeval.testing.Rows;

import javax.imageio.ImageIO;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A small corpus on disk and the answer rows a replay of it could have produced. */
final class ReportFixtures {

    static final String RUN = "replay-test";
    static final List<String> MODELS =
            List.of("gpt-4o-mini", "llama-3.2-11b-vision", "qwen2-vl-7b");
    static final String XSS = "</div><script>alert(1)</script>";
    static final String SECRET_URL = "http://169.254.169.254/latest/meta-data/image.png";

    /** Request ids in report order: by category, then id. */
    static final List<String> IDS_IN_ORDER =
            List.of(
                    "kcal",
                    "cat-count",
                    "fruit-kinds",
                    "menu-table",
                    "url-image",
                    "escape",
                    "pick");

    private ReportFixtures() {}

    /** Writes corpus/requests.jsonl (+ images) under {@code dir}; returns the corpus directory. */
    static Path corpus(Path dir) throws IOException {
        return corpus(dir, SECRET_URL);
    }

    /** As {@link #corpus(Path)}, with {@code imageUrl} as the image of request url-image. */
    static Path corpus(Path dir, String imageUrl) throws IOException {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus.resolve("images"));
        Files.write(corpus.resolve("images/cats.png"), png(800, 600));
        Files.write(dir.resolve("outside.png"), png(40, 40));
        String inline = Base64.getEncoder().encodeToString(png(300, 100));
        List<String> lines = new ArrayList<>();
        lines.add(
                "{\"id\":\"cat-count\",\"category\":\"counting\",\"lang\":\"en\","
                        + "\"image\":{\"path\":\"images/cats.png\"},"
                        + "\"question\":\"How many cats are there?\","
                        + "\"reference\":{\"type\":\"numeric\",\"value\":3,\"tolerance\":0.5},"
                        + "\"objects\":[\"cat\",\"sofa\"]}");
        lines.add("this line is not JSON");
        lines.add(
                "{\"id\":\"fruit-kinds\",\"category\":\"counting\",\"lang\":\"zh\","
                        + "\"image\":{\"data\":\""
                        + inline
                        + "\",\"mime\":\"image/png\"},"
                        + "\"question\":\"篮子里有几种水果？\","
                        + "\"reference\":{\"type\":\"set\",\"items\":[\"苹果\",\"香蕉\"]},"
                        + "\"model\":\"qwen2-vl-7b\",\"response\":{\"text\":\"苹果和香蕉\"}}");
        lines.add(
                "{\"id\":\"kcal\",\"category\":\"charts\",\"image\":{\"path\":\"../outside.png\"},"
                        + "\"question\":\"How many kcal?\","
                        + "\"reference\":{\"type\":\"exact\",\"answers\":[\"100\",\"100 kcal\"]}}");
        lines.add(
                "{\"id\":\"menu-table\",\"category\":\"ocr\","
                        + "\"question\":\"Transcribe the menu as a table.\","
                        + "\"reference\":{\"type\":\"table\",\"csv\":\"dish,price\\nsoup,4\\n<b>tea</b>,2\"}}");
        lines.add(
                "{\"id\":\"url-image\",\"category\":\"ocr\",\"image\":{\"url\":\""
                        + imageUrl
                        + "\"},\"question\":\"What does the sign say?\","
                        + "\"reference\":{\"type\":\"regex\",\"pattern\":\"(?i)\\\\bstop\\\\b\"}}");
        lines.add(
                "{\"id\":\"escape\",\"category\":\"reasoning\","
                        + "\"question\":\"Is <b>this</b> bold?\"}");
        lines.add(
                "{\"id\":\"pick\",\"category\":\"reasoning\",\"question\":\"Which one?\","
                        + "\"reference\":{\"type\":\"choice\",\"answer\":\"B\","
                        + "\"options\":{\"A\":\"a dog\",\"B\":\"a cat\"}}}");
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] invalidUtf8 = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xff, '"', '}', '\n'};
        byte[] all = new byte[text.length + invalidUtf8.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(invalidUtf8, 0, all, text.length, invalidUtf8.length);
        Files.write(corpus.resolve("requests.jsonl"), all);
        return corpus;
    }

    static List<AnswerRow> rows() {
        List<AnswerRow> rows = new ArrayList<>();
        for (String m : MODELS) {
            rows.add(ok("cat-count", m, "counting", "How many cats are there?", "3 cats", v(true)));
            rows.add(ok("fruit-kinds", m, "counting", "篮子里有几种水果？", "苹果和香蕉", v(true)));
            rows.add(
                    ok(
                            "menu-table",
                            m,
                            "ocr",
                            "Transcribe the menu as a table.",
                            "soup 4",
                            v(false)));
            rows.add(ok("url-image", m, "ocr", "What does the sign say?", "STOP", v(true)));
            rows.add(ok("pick", m, "reasoning", "Which one?", "B", v(true)));
        }
        rows.add(
                ok(
                        "kcal",
                        "qwen2-vl-7b",
                        "charts",
                        "How many kcal?",
                        "I can't help with that.",
                        new Verdict(false, 0.0, true, null, List.of(), "refusal")));
        rows.add(
                ok(
                        "kcal",
                        "gpt-4o-mini",
                        "charts",
                        "How many kcal?",
                        "100, next to the dog",
                        new Verdict(true, 1.0, false, true, List.of("dog"), "exact: '100'")));
        rows.add(
                Rows.answer()
                        .run(RUN)
                        .requestId("kcal")
                        .endpoint("llama-3.2-11b-vision")
                        .model("llama-3.2-11b-vision")
                        .category("charts")
                        .lang(null)
                        .eventTime(Instant.EPOCH)
                        .question("How many kcal?")
                        .error("timeout", "no answer within 90s")
                        .latencyMs(90_000)
                        .attempts(3)
                        .build());
        for (String m : MODELS) {
            rows.add(
                    ok(
                            "escape",
                            m,
                            "reasoning",
                            "Is <b>this</b> bold?",
                            XSS,
                            new Verdict(null, null, false, null, List.of(), "no reference")));
        }
        return rows;
    }

    private static Verdict v(boolean correct) {
        return new Verdict(
                correct, correct ? 1.0 : 0.0, false, false, List.of(), "explained " + correct);
    }

    private static AnswerRow ok(
            String id, String model, String category, String q, String text, Verdict verdict) {
        return Rows.answer()
                .run(RUN)
                .requestId(id)
                .endpoint(model)
                .model(model)
                .category(category)
                .lang("en")
                .eventTime(Instant.EPOCH)
                .question(q)
                .responseText(text)
                .finishReason("stop")
                .verdict(verdict)
                .latencyMs(100 + id.length() * 10L + model.length())
                .tokens(50, 7)
                .cost(0.00012)
                .attempts(1)
                .build();
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
