package org.vlmeval.seed;

import javax.imageio.ImageIO;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GraphicsEnvironment;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;

/**
 * Draws the images of the seed corpus ({@code corpora/seed/images/}) with Java2D: every picture is
 * made by this class, none is a photo. Run from the job module:
 *
 * <pre>
 * mvn -B -q -o test-compile
 * java -cp target/test-classes org.vlmeval.seed.SeedImages [out-dir]
 * </pre>
 *
 * <p>The default output directory is {@code ../corpora/seed/images}. The drawing is deterministic
 * (fixed random seeds), but text rendering depends on the installed fonts: the Chinese images need
 * a CJK font (WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, …; on Debian {@code
 * apt-get install fonts-wqy-microhei}). Without one the generator stops rather than drawing boxes.
 * What each image shows is listed in {@code corpora/seed/README.md}; the facts the questions ask
 * about (calories, table values, tile numbers…) are constants here and in {@code cases.jsonl}.
 */
public final class SeedImages {

    private static final String[] CJK_FONTS = {
        "WenQuanYi Micro Hei",
        "WenQuanYi Zen Hei",
        "Noto Sans CJK SC",
        "Noto Sans SC",
        "Source Han Sans SC",
        "Source Han Sans CN",
        "Microsoft YaHei",
        "PingFang SC",
        "SimHei",
        "AR PL UMing CN"
    };

    private static final Color INK = new Color(0x1f2a44);

    private final Path out;
    private final String cjk;

    private SeedImages(Path out, String cjk) {
        this.out = out;
        this.cjk = cjk;
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Paths.get(args.length > 0 ? args[0] : "../corpora/seed/images");
        Files.createDirectories(out);
        String cjk = findCjkFont();
        if (cjk == null) {
            System.err.println(
                    "no CJK font found (tried "
                            + String.join(", ", CJK_FONTS)
                            + "); install one, e.g. apt-get install fonts-wqy-microhei");
            System.exit(1);
        }
        new SeedImages(out, cjk).drawAll();
    }

    static String findCjkFont() {
        List<String> families =
                List.of(
                        GraphicsEnvironment.getLocalGraphicsEnvironment()
                                .getAvailableFontFamilyNames());
        for (String name : CJK_FONTS) {
            if (families.contains(name)
                    && new Font(name, Font.PLAIN, 12).canDisplayUpTo("营养成分表老王面馆") == -1) {
                return name;
            }
        }
        return null;
    }

    private void drawAll() throws IOException {
        nutritionLabel();
        nutritionLabelZh();
        benchmarkTable();
        webPage();
        fruitBasket();
        parkScene();
        streetScene();
        signs();
        captchaGrid();
        handwriting(
                "handwriting-note.png",
                new String[] {"Pick up the kids at 3:15", "and buy milk"},
                false,
                11);
        handwriting(
                "handwriting-card.png",
                new String[] {"Happy birthday Sam!", "Love from Grandma"},
                false,
                12);
        handwriting(
                "handwriting-address.png",
                new String[] {"42 Willow Lane,", "Springfield"},
                false,
                13);
        handwriting("handwriting-zh.png", new String[] {"明天下午三点", "在会议室开会"}, true, 14);
        barChart();
        receiptZh();
        menuZh();
    }

    // ---------------------------------------------------------------- helpers

    private static final class Canvas implements AutoCloseable {
        final BufferedImage image;
        final java.awt.Graphics2D g;

        Canvas(int w, int h, Color background) {
            image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_FRACTIONALMETRICS,
                    RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(background);
            g.fillRect(0, 0, w, h);
        }

        @Override
        public void close() {
            g.dispose();
        }
    }

    private void save(Canvas c, String name) throws IOException {
        Path file = out.resolve(name);
        ImageIO.write(c.image, "png", file.toFile());
        System.out.printf(
                "%-24s %3dx%-3d %6d bytes%n",
                name, c.image.getWidth(), c.image.getHeight(), Files.size(file));
    }

    private static Font sans(int style, float size) {
        return new Font(Font.SANS_SERIF, style, 1).deriveFont(size);
    }

    private Font zh(int style, float size) {
        return new Font(cjk, style, 1).deriveFont(size);
    }

    private static void text(java.awt.Graphics2D g, String s, Font f, Color c, double x, double y) {
        g.setFont(f);
        g.setColor(c);
        g.drawString(s, (float) x, (float) y);
    }

    private static void centered(
            java.awt.Graphics2D g, String s, Font f, Color c, double cx, double y) {
        g.setFont(f);
        FontMetrics m = g.getFontMetrics();
        g.setColor(c);
        g.drawString(s, (float) (cx - m.stringWidth(s) / 2.0), (float) y);
    }

    private static void right(
            java.awt.Graphics2D g, String s, Font f, Color c, double rx, double y) {
        g.setFont(f);
        FontMetrics m = g.getFontMetrics();
        g.setColor(c);
        g.drawString(s, (float) (rx - m.stringWidth(s)), (float) y);
    }

    private static void fill(java.awt.Graphics2D g, Shape s, Color fill, Color line, float width) {
        g.setColor(fill);
        g.fill(s);
        if (line != null) {
            g.setColor(line);
            g.setStroke(new BasicStroke(width));
            g.draw(s);
        }
    }

    private static Ellipse2D circle(double cx, double cy, double r) {
        return new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
    }

    private static void hline(
            java.awt.Graphics2D g, double x1, double x2, double y, float w, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(w));
        g.draw(new java.awt.geom.Line2D.Double(x1, y, x2, y));
    }

    // ---------------------------------------------------------------- nutrition

    /** US-style label: 1 piece per serving, 20 kcal, 12 servings, 3 g sugars, 15 mg sodium. */
    private void nutritionLabel() throws IOException {
        try (Canvas c = new Canvas(300, 400, new Color(0xf4f1ea))) {
            var g = c.g;
            g.setColor(Color.WHITE);
            g.fillRect(20, 12, 260, 376);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2f));
            g.drawRect(20, 12, 260, 376);
            int l = 30;
            int r = 270;
            text(g, "Nutrition Facts", sans(Font.BOLD, 27), Color.BLACK, l, 46);
            hline(g, l, r, 58, 1, Color.BLACK);
            text(g, "12 servings per container", sans(Font.PLAIN, 14), Color.BLACK, l, 78);
            text(g, "Serving size", sans(Font.BOLD, 15), Color.BLACK, l, 98);
            right(g, "1 piece (12g)", sans(Font.BOLD, 15), Color.BLACK, r, 98);
            hline(g, l, r, 110, 9, Color.BLACK);
            text(g, "Amount per serving", sans(Font.BOLD, 12), Color.BLACK, l, 132);
            text(g, "Calories", sans(Font.BOLD, 26), Color.BLACK, l, 160);
            right(g, "20", sans(Font.BOLD, 32), Color.BLACK, r, 162);
            hline(g, l, r, 172, 5, Color.BLACK);
            right(g, "% Daily Value*", sans(Font.BOLD, 11), Color.BLACK, r, 189);
            String[][] rows = {
                {"Total Fat 0.5g", "1%", "b"},
                {"   Saturated Fat 0g", "0%", ""},
                {"Sodium 15mg", "1%", "b"},
                {"Total Carbohydrate 4g", "1%", "b"},
                {"   Total Sugars 3g", "", ""},
                {"Protein 0g", "", "b"},
            };
            double y = 194;
            for (String[] row : rows) {
                hline(g, l, r, y, 1, Color.BLACK);
                y += 20;
                Font f = row[2].equals("b") ? sans(Font.BOLD, 14) : sans(Font.PLAIN, 14);
                text(g, row[0], f, Color.BLACK, l, y - 5);
                right(g, row[1], sans(Font.BOLD, 14), Color.BLACK, r, y - 5);
            }
            hline(g, l, r, y + 4, 9, Color.BLACK);
            Font small = sans(Font.PLAIN, 10);
            text(g, "* The % Daily Value (DV) tells you how much a", small, Color.BLACK, l, y + 24);
            text(
                    g,
                    "nutrient in a serving contributes to a daily diet.",
                    small,
                    Color.BLACK,
                    l,
                    y + 37);
            text(
                    g,
                    "2,000 calories a day is used for general advice.",
                    small,
                    Color.BLACK,
                    l,
                    y + 50);
            text(g, "FRUIT CHEWS  ·  1 piece = 12 g", sans(Font.BOLD, 11), Color.DARK_GRAY, l, 378);
            save(c, "nutrition-label.png");
        }
    }

    /** Chinese label (营养成分表): per piece 84 kJ (20 kcal), sodium 15 mg, 12 pieces per pack. */
    private void nutritionLabelZh() throws IOException {
        try (Canvas c = new Canvas(390, 300, new Color(0xfbf7ee))) {
            var g = c.g;
            centered(g, "营养成分表", zh(Font.BOLD, 24), Color.BLACK, 195, 40);
            int[] xs = {20, 120, 246, 372};
            double top = 56;
            double rowH = 30;
            String[][] rows = {
                {"项目", "每份（1块）", "营养素参考值%"},
                {"能量", "84千焦（20千卡）", "1%"},
                {"蛋白质", "0.4克", "1%"},
                {"脂肪", "0.5克", "1%"},
                {"碳水化合物", "3.9克", "1%"},
                {"钠", "15毫克", "1%"},
            };
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2f));
            g.drawRect(xs[0], (int) top, xs[3] - xs[0], (int) (rowH * rows.length));
            for (int i = 0; i < rows.length; i++) {
                double y = top + rowH * i;
                if (i > 0) {
                    hline(g, xs[0], xs[3], y, i == 1 ? 2 : 1, Color.BLACK);
                }
                Font f = i == 0 ? zh(Font.BOLD, 14) : zh(Font.PLAIN, 14);
                text(g, rows[i][0], f, Color.BLACK, xs[0] + 8, y + 21);
                text(g, rows[i][1], f, Color.BLACK, xs[1] + 4, y + 21);
                text(g, rows[i][2], f, Color.BLACK, xs[2] + 8, y + 21);
            }
            g.setStroke(new BasicStroke(1f));
            g.drawLine(xs[1], (int) top, xs[1], (int) (top + rowH * rows.length));
            g.drawLine(xs[2], (int) top, xs[2], (int) (top + rowH * rows.length));
            text(g, "每包装含12份，每份为1块（12克）", zh(Font.PLAIN, 14), Color.BLACK, 24, 262);
            text(g, "水果软糖", zh(Font.BOLD, 14), new Color(0xb03a2e), 24, 286);
            save(c, "nutrition-label-zh.png");
        }
    }

    // ---------------------------------------------------------------- table

    private void benchmarkTable() throws IOException {
        try (Canvas c = new Canvas(480, 240, Color.WHITE)) {
            var g = c.g;
            text(g, "Vision benchmarks (example figures)", sans(Font.BOLD, 17), INK, 20, 32);
            String[][] rows = {
                {"Model", "MMMU", "MathVista", "DocVQA", "ChartQA"},
                {"Llama 3.2 11B", "50.7", "51.5", "88.4", "83.4"},
                {"Llama 3.2 90B", "60.3", "57.3", "90.1", "85.5"},
                {"Qwen2-VL 7B", "54.1", "58.2", "94.5", "83.0"},
                {"Qwen2-VL 72B", "64.5", "70.5", "96.5", "88.3"},
            };
            int[] right = {0, 240, 330, 400, 465};
            double top = 50;
            double h = 34;
            g.setColor(new Color(0x2e4a7d));
            g.fillRect(15, (int) top, 455, (int) h);
            for (int i = 1; i < rows.length; i++) {
                g.setColor(i % 2 == 0 ? new Color(0xeef2f8) : Color.WHITE);
                g.fillRect(15, (int) (top + h * i), 455, (int) h);
            }
            for (int i = 0; i < rows.length; i++) {
                double y = top + h * i + 22;
                Color col = i == 0 ? Color.WHITE : Color.BLACK;
                Font f = i == 0 ? sans(Font.BOLD, 14) : sans(Font.PLAIN, 14);
                text(g, rows[i][0], f, col, 24, y);
                for (int j = 1; j < 5; j++) {
                    right(g, rows[i][j], f, col, right[j], y);
                }
            }
            hline(g, 15, 470, top + h * rows.length, 1.5f, new Color(0x2e4a7d));
            text(
                    g,
                    "Accuracy in %, higher is better.",
                    sans(Font.ITALIC, 12),
                    Color.GRAY,
                    20,
                    top + h * rows.length + 22);
            save(c, "benchmark-table.png");
        }
    }

    // ---------------------------------------------------------------- web page

    private void webPage() throws IOException {
        try (Canvas c = new Canvas(480, 320, Color.WHITE)) {
            var g = c.g;
            // browser chrome
            g.setColor(new Color(0xdfe3e8));
            g.fillRect(0, 0, 480, 30);
            for (int i = 0; i < 3; i++) {
                fill(
                        g,
                        circle(14 + i * 14, 15, 4.5),
                        new Color[] {new Color(0xff5f57), new Color(0xfebc2e), new Color(0x28c840)}
                                [i],
                        null,
                        0);
            }
            fill(g, new RoundRectangle2D.Double(60, 7, 400, 17, 8, 8), Color.WHITE, null, 0);
            text(
                    g,
                    "https://shop.example/spring-sale",
                    sans(Font.PLAIN, 11),
                    Color.DARK_GRAY,
                    70,
                    20);
            // nav
            g.setColor(new Color(0x1d5c3a));
            g.fillRect(0, 30, 480, 34);
            text(g, "Acme Outdoor", sans(Font.BOLD, 16), Color.WHITE, 14, 53);
            String[] nav = {"Home", "Tents", "Packs", "Sale"};
            double x = 250;
            for (String n : nav) {
                text(g, n, sans(n.equals("Sale") ? Font.BOLD : Font.PLAIN, 13), Color.WHITE, x, 52);
                x += 55;
            }
            // hero
            text(g, "Spring Sale", sans(Font.BOLD, 28), new Color(0x1d5c3a), 20, 100);
            text(g, "Up to 30% off until April 30", sans(Font.PLAIN, 13), Color.DARK_GRAY, 22, 120);
            // price table
            double top = 136;
            g.setColor(new Color(0xe9f2ec));
            g.fillRect(20, (int) top, 300, 26);
            text(g, "Product", sans(Font.BOLD, 13), Color.BLACK, 28, top + 18);
            text(g, "Price", sans(Font.BOLD, 13), Color.BLACK, 220, top + 18);
            String[][] items = {
                {"Trail Tent 2P", "$159", "$129"},
                {"Day Pack 20L", "", "$45"},
                {"Camp Stove", "", "$39"}
            };
            for (int i = 0; i < items.length; i++) {
                double y = top + 26 + 28 * i;
                hline(g, 20, 320, y, 1, new Color(0xc9d6cd));
                text(g, items[i][0], sans(Font.PLAIN, 13), Color.BLACK, 28, y + 19);
                double px = 220;
                if (!items[i][1].isEmpty()) {
                    text(g, items[i][1], sans(Font.PLAIN, 13), Color.GRAY, px, y + 19);
                    hline(g, px - 1, px + 32, y + 14, 1.2f, Color.GRAY);
                    px += 42;
                }
                text(g, items[i][2], sans(Font.BOLD, 13), new Color(0xb3261e), px, y + 19);
            }
            hline(g, 20, 320, top + 26 + 28 * 3, 1, new Color(0xc9d6cd));
            // button and side box
            fill(
                    g,
                    new RoundRectangle2D.Double(20, 262, 110, 30, 10, 10),
                    new Color(0xe07a1f),
                    null,
                    0);
            centered(g, "Shop now", sans(Font.BOLD, 14), Color.WHITE, 75, 282);
            fill(
                    g,
                    new RoundRectangle2D.Double(340, 80, 122, 150, 10, 10),
                    new Color(0xf3f5f7),
                    new Color(0xd0d6dc),
                    1);
            // a tent icon
            Polygon tent = new Polygon(new int[] {360, 401, 442}, new int[] {170, 105, 170}, 3);
            fill(g, tent, new Color(0x3f8f5f), null, 0);
            Polygon door = new Polygon(new int[] {392, 401, 410}, new int[] {170, 140, 170}, 3);
            fill(g, door, new Color(0x245c3b), null, 0);
            centered(g, "Free shipping", sans(Font.BOLD, 12), INK, 401, 195);
            centered(g, "on orders over $50", sans(Font.PLAIN, 11), INK, 401, 212);
            g.setColor(new Color(0xf0f0f0));
            g.fillRect(0, 300, 480, 20);
            text(
                    g,
                    "© 2026 Acme Outdoor · Contact · Returns",
                    sans(Font.PLAIN, 10),
                    Color.GRAY,
                    14,
                    314);
            save(c, "web-page.png");
        }
    }

    // ---------------------------------------------------------------- fruit

    /**
     * Seven kinds: back row banana, pear, orange; front row apple, grapes, strawberry, lemon. The
     * grapes are the smallest, the lemon the sourest.
     */
    private void fruitBasket() throws IOException {
        try (Canvas c = new Canvas(480, 320, new Color(0xf3ead8))) {
            var g = c.g;
            g.setColor(new Color(0x9c6b3e));
            g.fillRect(0, 250, 480, 70); // table
            // basket back rim
            fill(g, new Ellipse2D.Double(40, 120, 400, 70), new Color(0x8a5a2b), null, 0);
            // back row
            banana(g, 120, 140);
            pear(g, 240, 128);
            orange(g, 350, 140, 34);
            // basket body
            Path2D body = new Path2D.Double();
            body.moveTo(40, 160);
            body.curveTo(50, 270, 430, 270, 440, 160);
            body.closePath();
            fill(g, body, new Color(0xb9823f), null, 0);
            g.setColor(new Color(0x8a5a2b));
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < 9; i++) {
                double xx = 70 + i * 42;
                g.draw(new java.awt.geom.Line2D.Double(xx, 170, xx + (i - 4) * 4, 240));
            }
            for (int i = 0; i < 3; i++) {
                g.draw(new Arc2D.Double(45, 110 + i * 22, 390, 110, 200, 140, Arc2D.OPEN));
            }
            // front row, on the rim
            apple(g, 95, 168, 32);
            grapes(g, 190, 160);
            strawberry(g, 275, 168);
            lemon(g, 375, 172);
            Font label = sans(Font.BOLD, 12);
            Color lc = new Color(0x3b2a1a);
            String[][] labels = {
                {"banana", "120", "92"}, {"pear", "240", "74"}, {"orange", "350", "98"},
                {"apple", "95", "222"}, {"grapes", "190", "222"}, {"strawberry", "275", "222"},
                {"lemon", "375", "222"}
            };
            for (String[] l : labels) {
                double lx = Double.parseDouble(l[1]);
                double ly = Double.parseDouble(l[2]);
                g.setFont(label);
                int w = g.getFontMetrics().stringWidth(l[0]);
                fill(
                        g,
                        new RoundRectangle2D.Double(lx - w / 2.0 - 5, ly - 12, w + 10, 17, 6, 6),
                        new Color(255, 255, 255, 215),
                        null,
                        0);
                centered(g, l[0], label, lc, lx, ly);
            }
            save(c, "fruit-basket.png");
        }
    }

    private static void apple(java.awt.Graphics2D g, double cx, double cy, double r) {
        fill(g, circle(cx - r * 0.35, cy, r * 0.8), new Color(0xc8242b), null, 0);
        fill(g, circle(cx + r * 0.35, cy, r * 0.8), new Color(0xc8242b), null, 0);
        fill(g, circle(cx + r * 0.2, cy - r * 0.3, r * 0.25), new Color(0xe86a6f), null, 0);
        g.setColor(new Color(0x5a3a1a));
        g.setStroke(new BasicStroke(3f));
        g.draw(new java.awt.geom.Line2D.Double(cx, cy - r * 0.7, cx + 3, cy - r * 1.05));
        Ellipse2D leaf = new Ellipse2D.Double(cx + 4, cy - r * 1.1, 16, 8);
        fill(g, leaf, new Color(0x3f8f3f), null, 0);
    }

    private static void orange(java.awt.Graphics2D g, double cx, double cy, double r) {
        fill(g, circle(cx, cy, r), new Color(0xf28c1e), new Color(0xc96a0c), 1.5f);
        g.setColor(new Color(0xd9770f));
        Random rnd = new Random(7);
        for (int i = 0; i < 30; i++) {
            double a = rnd.nextDouble() * Math.PI * 2;
            double d = rnd.nextDouble() * r * 0.85;
            g.fill(circle(cx + Math.cos(a) * d, cy + Math.sin(a) * d, 1.2));
        }
        fill(g, circle(cx + 4, cy - r + 5, 3), new Color(0x4a7a2a), null, 0);
    }

    private static void banana(java.awt.Graphics2D g, double cx, double cy) {
        Path2D p = new Path2D.Double();
        p.moveTo(cx - 60, cy - 20);
        p.curveTo(cx - 40, cy + 35, cx + 40, cy + 35, cx + 62, cy - 22);
        p.curveTo(cx + 35, cy + 8, cx - 35, cy + 8, cx - 60, cy - 20);
        fill(g, p, new Color(0xf5d33d), new Color(0xb89a1c), 1.5f);
        fill(g, circle(cx - 60, cy - 20, 3.5), new Color(0x5b4a1a), null, 0);
        fill(g, circle(cx + 62, cy - 22, 3), new Color(0x5b4a1a), null, 0);
    }

    private static void pear(java.awt.Graphics2D g, double cx, double cy) {
        Color green = new Color(0xb5cc4a);
        fill(g, circle(cx, cy + 22, 28), green, null, 0);
        fill(g, circle(cx, cy - 8, 17), green, null, 0);
        Path2D neck = new Path2D.Double();
        neck.moveTo(cx - 17, cy - 6);
        neck.lineTo(cx - 27, cy + 18);
        neck.lineTo(cx + 27, cy + 18);
        neck.lineTo(cx + 17, cy - 6);
        neck.closePath();
        fill(g, neck, green, null, 0);
        g.setColor(new Color(0x5a3a1a));
        g.setStroke(new BasicStroke(3f));
        g.draw(new java.awt.geom.Line2D.Double(cx, cy - 24, cx + 4, cy - 36));
    }

    private static void grapes(java.awt.Graphics2D g, double cx, double cy) {
        double[][] at = {
            {0, 0}, {-9, 0}, {9, 0}, {-4.5, 8}, {4.5, 8}, {0, 16}, {-13, -7}, {13, -7}
        };
        for (double[] a : at) {
            fill(
                    g,
                    circle(cx + a[0], cy + a[1], 5.5),
                    new Color(0x6b2f7a),
                    new Color(0x4a1d55),
                    1f);
            fill(g, circle(cx + a[0] - 1.8, cy + a[1] - 1.8, 1.4), new Color(0xb27ac0), null, 0);
        }
        g.setColor(new Color(0x5a3a1a));
        g.setStroke(new BasicStroke(2f));
        g.draw(new java.awt.geom.Line2D.Double(cx, cy - 8, cx + 2, cy - 17));
    }

    private static void strawberry(java.awt.Graphics2D g, double cx, double cy) {
        Path2D p = new Path2D.Double();
        p.moveTo(cx - 17, cy - 10);
        p.curveTo(cx - 20, cy + 8, cx - 6, cy + 22, cx, cy + 26);
        p.curveTo(cx + 6, cy + 22, cx + 20, cy + 8, cx + 17, cy - 10);
        p.closePath();
        fill(g, p, new Color(0xe02f3c), null, 0);
        g.setColor(new Color(0xf7e27a));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3 - (i > 1 ? 1 : 0); j++) {
                g.fill(circle(cx - 8 + j * 8 + (i % 2) * 4, cy - 3 + i * 7, 1.1));
            }
        }
        for (int i = 0; i < 5; i++) {
            double a = Math.PI + i * Math.PI / 4;
            Path2D leaf = new Path2D.Double();
            leaf.moveTo(cx, cy - 11);
            leaf.lineTo(cx + Math.cos(a) * 14, cy - 11 + Math.sin(a) * 7);
            leaf.lineTo(cx + Math.cos(a + 0.3) * 6, cy - 11 + Math.sin(a + 0.3) * 3);
            leaf.closePath();
            fill(g, leaf, new Color(0x3f8f3f), null, 0);
        }
    }

    private static void lemon(java.awt.Graphics2D g, double cx, double cy) {
        Path2D p = new Path2D.Double();
        p.moveTo(cx - 36, cy);
        p.curveTo(cx - 28, cy - 30, cx + 28, cy - 30, cx + 36, cy);
        p.curveTo(cx + 28, cy + 30, cx - 28, cy + 30, cx - 36, cy);
        p.closePath();
        fill(g, p, new Color(0xf7e03c), new Color(0xcbb21c), 1.5f);
        fill(g, circle(cx - 36, cy, 3), new Color(0xcbb21c), null, 0);
        fill(g, circle(cx + 36, cy, 3), new Color(0xcbb21c), null, 0);
    }

    // ---------------------------------------------------------------- scenes

    /**
     * A park: three people (two on the bench, one walking), two trees, a bush, clouds, a small grey
     * cat half hidden under the bench, and a faint semi-transparent "699pic.com" watermark.
     */
    private void parkScene() throws IOException {
        try (Canvas c = new Canvas(480, 320, new Color(0xbfe0f5))) {
            var g = c.g;
            cloud(g, 90, 50);
            cloud(g, 330, 38);
            g.setColor(new Color(0x7cbf5a));
            g.fillRect(0, 190, 480, 130);
            g.setColor(new Color(0xd8c9a3));
            Path2D path = new Path2D.Double();
            path.moveTo(300, 320);
            path.curveTo(330, 260, 420, 220, 480, 210);
            path.lineTo(480, 235);
            path.curveTo(430, 245, 370, 280, 360, 320);
            path.closePath();
            g.fill(path);
            tree(g, 60, 200, 1.1);
            tree(g, 420, 190, 0.9);
            fill(g, new Ellipse2D.Double(370, 205, 80, 40), new Color(0x4f9a3d), null, 0); // bush
            // the cat under the bench, partly hidden
            double kx = 238;
            double ky = 279;
            Color grey = new Color(0x8a8a8a);
            fill(g, new Ellipse2D.Double(kx - 14, ky - 6, 28, 14), grey, null, 0);
            fill(g, circle(kx + 14, ky - 6, 6.5), grey, null, 0);
            Polygon ear1 =
                    new Polygon(
                            new int[] {(int) kx + 9, (int) kx + 11, (int) kx + 14},
                            new int[] {(int) ky - 10, (int) ky - 17, (int) ky - 11},
                            3);
            Polygon ear2 =
                    new Polygon(
                            new int[] {(int) kx + 15, (int) kx + 18, (int) kx + 20},
                            new int[] {(int) ky - 11, (int) ky - 17, (int) ky - 9},
                            3);
            fill(g, ear1, grey, null, 0);
            fill(g, ear2, grey, null, 0);
            g.setColor(grey);
            g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(
                    new java.awt.geom.QuadCurve2D.Double(
                            kx - 14, ky, kx - 26, ky - 2, kx - 24, ky - 14));
            fill(g, circle(kx + 16, ky - 7, 1.2), new Color(0x2a5a2a), null, 0);
            // bench
            Color wood = new Color(0x8b5a2b);
            g.setColor(wood);
            g.fillRect(160, 215, 170, 10); // back rail
            g.fillRect(160, 230, 170, 10); // back rail 2
            g.fillRect(150, 248, 190, 12); // seat
            g.setColor(new Color(0x3a3a3a));
            g.fillRect(160, 260, 7, 24);
            g.fillRect(226, 260, 7, 24);
            g.fillRect(323, 260, 7, 24);
            g.fillRect(165, 215, 5, 35);
            g.fillRect(320, 215, 5, 35);
            person(g, 200, 246, new Color(0xd9534f), true);
            person(g, 290, 246, new Color(0x3b6fb6), true);
            person(g, 400, 290, new Color(0xf0ad4e), false);
            // watermark
            java.awt.Composite old = g.getComposite();
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.22f));
            AffineTransform t = g.getTransform();
            g.rotate(-0.35, 240, 170);
            centered(g, "699pic.com", sans(Font.BOLD, 46), Color.WHITE, 240, 185);
            g.setTransform(t);
            g.setComposite(old);
            save(c, "park-scene.png");
        }
    }

    private static void cloud(java.awt.Graphics2D g, double x, double y) {
        Color w = new Color(0xf7fbff);
        fill(g, circle(x, y, 16), w, null, 0);
        fill(g, circle(x + 20, y - 8, 20), w, null, 0);
        fill(g, circle(x + 42, y, 15), w, null, 0);
        fill(g, new Ellipse2D.Double(x - 8, y - 2, 62, 18), w, null, 0);
    }

    private static void tree(java.awt.Graphics2D g, double x, double ground, double s) {
        g.setColor(new Color(0x7a4e2a));
        g.fill(new java.awt.geom.Rectangle2D.Double(x - 8 * s, ground - 70 * s, 16 * s, 70 * s));
        Color leaf = new Color(0x2f7d32);
        fill(g, circle(x, ground - 100 * s, 38 * s), leaf, null, 0);
        fill(g, circle(x - 28 * s, ground - 78 * s, 28 * s), leaf, null, 0);
        fill(g, circle(x + 28 * s, ground - 78 * s, 28 * s), leaf, null, 0);
    }

    private static void person(
            java.awt.Graphics2D g, double x, double feetOrSeat, Color shirt, boolean sitting) {
        Color skin = new Color(0xe8b98f);
        if (sitting) {
            double seat = feetOrSeat;
            fill(g, new RoundRectangle2D.Double(x - 12, seat - 42, 24, 40, 8, 8), shirt, null, 0);
            fill(g, circle(x, seat - 54, 11), skin, null, 0);
            g.setColor(new Color(0x33415c));
            g.fill(new RoundRectangle2D.Double(x - 12, seat - 6, 30, 10, 4, 4));
            g.fill(new java.awt.geom.Rectangle2D.Double(x + 10, seat, 8, 30));
        } else {
            double feet = feetOrSeat;
            g.setColor(new Color(0x33415c));
            g.fill(new java.awt.geom.Rectangle2D.Double(x - 9, feet - 34, 7, 34));
            g.fill(new java.awt.geom.Rectangle2D.Double(x + 2, feet - 34, 7, 34));
            fill(g, new RoundRectangle2D.Double(x - 12, feet - 76, 24, 44, 8, 8), shirt, null, 0);
            fill(g, circle(x, feet - 88, 11), skin, null, 0);
        }
    }

    /**
     * A street, no watermark: a red car, a person with a blue umbrella, the "Green Leaf Café"
     * building with its sign, a window and a door, a tree, the road.
     */
    private void streetScene() throws IOException {
        try (Canvas c = new Canvas(480, 320, new Color(0xcfd8e3))) {
            var g = c.g;
            // buildings
            g.setColor(new Color(0xc9a27e));
            g.fillRect(20, 40, 250, 190);
            g.setColor(new Color(0x9aa7b4));
            g.fillRect(290, 70, 170, 160);
            // cafe sign
            fill(
                    g,
                    new RoundRectangle2D.Double(40, 60, 210, 40, 8, 8),
                    new Color(0x2f6b3a),
                    null,
                    0);
            centered(g, "Green Leaf Café", sans(Font.BOLD, 22), new Color(0xf4f1de), 145, 88);
            // window and door
            fill(
                    g,
                    new java.awt.geom.Rectangle2D.Double(45, 120, 120, 70),
                    new Color(0xa9d3ee),
                    new Color(0x5a3a1a),
                    3);
            fill(
                    g,
                    new java.awt.geom.Rectangle2D.Double(190, 130, 50, 100),
                    new Color(0x6b3e1e),
                    null,
                    0);
            fill(g, circle(230, 182, 3), new Color(0xe0c040), null, 0);
            for (int r = 0; r < 3; r++) {
                for (int k = 0; k < 3; k++) {
                    g.setColor(new Color(0xdfe8f0));
                    g.fillRect(305 + k * 52, 85 + r * 45, 36, 28);
                }
            }
            // pavement and road
            g.setColor(new Color(0xb8b8b0));
            g.fillRect(0, 230, 480, 20);
            g.setColor(new Color(0x555a60));
            g.fillRect(0, 250, 480, 70);
            g.setColor(Color.WHITE);
            for (int x = 10; x < 480; x += 60) {
                g.fillRect(x, 283, 34, 5);
            }
            tree(g, 275, 232, 0.6);
            // red car
            Path2D car = new Path2D.Double();
            car.moveTo(300, 290);
            car.lineTo(300, 270);
            car.lineTo(330, 266);
            car.lineTo(350, 246);
            car.lineTo(410, 246);
            car.lineTo(432, 266);
            car.lineTo(462, 270);
            car.lineTo(462, 290);
            car.closePath();
            fill(g, car, new Color(0xd22b2b), new Color(0x8f1a1a), 1.5f);
            fill(
                    g,
                    new Polygon(new int[] {356, 378, 378, 340}, new int[] {251, 251, 266, 266}, 4),
                    new Color(0xbfe3f7),
                    null,
                    0);
            fill(
                    g,
                    new Polygon(new int[] {384, 406, 424, 384}, new int[] {251, 251, 266, 266}, 4),
                    new Color(0xbfe3f7),
                    null,
                    0);
            fill(g, circle(330, 292, 12), new Color(0x222222), null, 0);
            fill(g, circle(432, 292, 12), new Color(0x222222), null, 0);
            fill(g, circle(330, 292, 5), new Color(0x999999), null, 0);
            fill(g, circle(432, 292, 5), new Color(0x999999), null, 0);
            // person with a blue umbrella on the pavement
            person(g, 110, 248, new Color(0x6b6b6b), false);
            Arc2D canopy = new Arc2D.Double(72, 132, 76, 50, 0, 180, Arc2D.CHORD);
            fill(g, canopy, new Color(0x1f5fbf), new Color(0x123f80), 1.5f);
            g.setColor(new Color(0x333333));
            g.setStroke(new BasicStroke(2f));
            g.draw(new java.awt.geom.Line2D.Double(110, 157, 110, 200));
            save(c, "street-scene.png");
        }
    }

    /** Signs: a speed limit 30 roundel, a bus stop sign for route 42, the red 老王面馆 shop sign. */
    private void signs() throws IOException {
        try (Canvas c = new Canvas(480, 320, new Color(0xe6e9ed))) {
            var g = c.g;
            g.setColor(new Color(0xc4c9cf));
            g.fillRect(0, 260, 480, 60);
            // speed limit
            g.setColor(new Color(0x777777));
            g.fillRect(76, 150, 8, 150);
            fill(g, circle(80, 110, 52), Color.WHITE, new Color(0xd0202a), 12);
            centered(g, "30", sans(Font.BOLD, 46), Color.BLACK, 80, 127);
            // bus stop
            g.setColor(new Color(0x777777));
            g.fillRect(216, 120, 8, 180);
            fill(
                    g,
                    new RoundRectangle2D.Double(170, 40, 100, 90, 10, 10),
                    new Color(0x1c5fa8),
                    Color.WHITE,
                    3);
            centered(g, "BUS", sans(Font.BOLD, 20), Color.WHITE, 220, 68);
            centered(g, "42", sans(Font.BOLD, 34), new Color(0xffd23f), 220, 104);
            centered(g, "Central Station", sans(Font.PLAIN, 11), Color.WHITE, 220, 122);
            // shop front with a red Chinese sign
            g.setColor(new Color(0xefe3cf));
            g.fillRect(300, 90, 170, 170);
            fill(
                    g,
                    new java.awt.geom.Rectangle2D.Double(300, 60, 170, 50),
                    new Color(0xc0262d),
                    new Color(0x8a1a1f),
                    2);
            centered(g, "老王面馆", zh(Font.BOLD, 30), new Color(0xffd96a), 385, 96);
            fill(
                    g,
                    new java.awt.geom.Rectangle2D.Double(320, 140, 60, 120),
                    new Color(0x7a4a2a),
                    null,
                    0);
            fill(
                    g,
                    new java.awt.geom.Rectangle2D.Double(395, 135, 60, 60),
                    new Color(0xa9d3ee),
                    new Color(0x7a4a2a),
                    3);
            text(g, "营业时间", zh(Font.PLAIN, 11), new Color(0x5a3a1a), 403, 214);
            text(g, "10:00-21:00", sans(Font.PLAIN, 10), new Color(0x5a3a1a), 396, 228);
            save(c, "signs.png");
        }
    }

    // ---------------------------------------------------------------- CAPTCHA

    /**
     * 3×3 grid numbered 1–9: tomatoes in 1, 6, 8; peppers in 2, 4 (red) and 9; carrots in 3 and 7;
     * a cucumber in 5.
     */
    private void captchaGrid() throws IOException {
        int tile = 110;
        int gap = 4;
        int top = 70;
        int w = 3 * tile + 4 * gap;
        try (Canvas c = new Canvas(w, top + 3 * tile + 4 * gap + 44, Color.WHITE)) {
            var g = c.g;
            g.setColor(new Color(0x4a90e2));
            g.fillRect(0, 0, w, top);
            text(g, "Select all images with", sans(Font.PLAIN, 15), Color.WHITE, 14, 26);
            text(g, "tomatoes", sans(Font.BOLD, 24), Color.WHITE, 14, 54);
            String[] items = {
                "tomato",
                "pepper-green",
                "carrot",
                "pepper-red",
                "cucumber",
                "tomato",
                "carrot",
                "tomato",
                "pepper-green"
            };
            Random rnd = new Random(42);
            for (int i = 0; i < 9; i++) {
                int x = gap + (i % 3) * (tile + gap);
                int y = top + gap + (i / 3) * (tile + gap);
                g.setColor(new Color(0xf1ede4).darker().darker().brighter());
                g.setColor(
                        new Color(
                                235 + rnd.nextInt(12),
                                232 + rnd.nextInt(12),
                                220 + rnd.nextInt(12)));
                g.fillRect(x, y, tile, tile);
                double cx = x + tile / 2.0;
                double cy = y + tile / 2.0 + 4;
                switch (items[i]) {
                    case "tomato" -> tomato(g, cx, cy);
                    case "pepper-green" -> pepper(g, cx, cy, new Color(0x3f9a2f));
                    case "pepper-red" -> pepper(g, cx, cy, new Color(0xd83a2a));
                    case "carrot" -> carrot(g, cx, cy);
                    case "cucumber" -> cucumber(g, cx, cy);
                    default -> throw new IllegalStateException(items[i]);
                }
                fill(g, circle(x + 14, y + 14, 10), new Color(0, 0, 0, 150), null, 0);
                centered(
                        g,
                        Integer.toString(i + 1),
                        sans(Font.BOLD, 13),
                        Color.WHITE,
                        x + 14,
                        y + 19);
            }
            int by = top + 3 * tile + 4 * gap + 8;
            fill(
                    g,
                    new RoundRectangle2D.Double(w - 94, by, 84, 28, 6, 6),
                    new Color(0x4a90e2),
                    null,
                    0);
            centered(g, "VERIFY", sans(Font.BOLD, 13), Color.WHITE, w - 52, by + 19);
            save(c, "captcha-grid.png");
        }
    }

    private static void tomato(java.awt.Graphics2D g, double cx, double cy) {
        fill(
                g,
                new Ellipse2D.Double(cx - 30, cy - 25, 60, 52),
                new Color(0xe0322b),
                new Color(0xa71f1a),
                1.5f);
        fill(g, new Ellipse2D.Double(cx - 18, cy - 16, 14, 9), new Color(0xf27a72), null, 0);
        for (int k = 0; k < 5; k++) {
            double a = -Math.PI / 2 + k * 2 * Math.PI / 5;
            Path2D s = new Path2D.Double();
            s.moveTo(cx, cy - 24);
            s.lineTo(cx + Math.cos(a) * 14, cy - 24 + Math.sin(a) * 6 + 4);
            s.lineTo(cx + Math.cos(a + 0.4) * 4, cy - 24 + Math.sin(a + 0.4) * 2);
            s.closePath();
            fill(g, s, new Color(0x2f7d32), null, 0);
        }
    }

    private static void pepper(java.awt.Graphics2D g, double cx, double cy, Color col) {
        Path2D p = new Path2D.Double();
        p.moveTo(cx - 26, cy - 18);
        p.curveTo(cx - 34, cy + 10, cx - 22, cy + 34, cx - 8, cy + 30);
        p.curveTo(cx - 2, cy + 36, cx + 2, cy + 36, cx + 8, cy + 30);
        p.curveTo(cx + 22, cy + 34, cx + 34, cy + 10, cx + 26, cy - 18);
        p.curveTo(cx + 14, cy - 26, cx - 14, cy - 26, cx - 26, cy - 18);
        fill(g, p, col, col.darker(), 1.5f);
        g.setColor(col.darker());
        g.setStroke(new BasicStroke(1.5f));
        g.draw(
                new java.awt.geom.QuadCurve2D.Double(
                        cx - 6, cy - 16, cx - 10, cy + 8, cx - 6, cy + 28));
        g.draw(
                new java.awt.geom.QuadCurve2D.Double(
                        cx + 6, cy - 16, cx + 10, cy + 8, cx + 6, cy + 28));
        fill(
                g,
                new RoundRectangle2D.Double(cx - 4, cy - 34, 8, 14, 4, 4),
                new Color(0x2f6b22),
                null,
                0);
    }

    private static void carrot(java.awt.Graphics2D g, double cx, double cy) {
        GeneralPath p = new GeneralPath();
        p.moveTo(cx - 14, cy - 22);
        p.lineTo(cx + 14, cy - 22);
        p.lineTo(cx + 2, cy + 38);
        p.lineTo(cx - 2, cy + 38);
        p.closePath();
        AffineTransform rot = AffineTransform.getRotateInstance(0.5, cx, cy);
        Shape s = rot.createTransformedShape(p);
        fill(g, s, new Color(0xf07c1b), new Color(0xb85a0c), 1.5f);
        g.setColor(new Color(0x3f9a2f));
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        java.awt.geom.Point2D top =
                rot.transform(new java.awt.geom.Point2D.Double(cx, cy - 22), null);
        for (int k = -1; k <= 1; k++) {
            g.draw(
                    new java.awt.geom.Line2D.Double(
                            top.getX(),
                            top.getY(),
                            top.getX() + 10 + k * 8,
                            top.getY() - 18 + Math.abs(k) * 4));
        }
    }

    private static void cucumber(java.awt.Graphics2D g, double cx, double cy) {
        Shape body =
                AffineTransform.getRotateInstance(-0.45, cx, cy)
                        .createTransformedShape(
                                new RoundRectangle2D.Double(cx - 42, cy - 13, 84, 26, 26, 26));
        fill(g, body, new Color(0x2e6b2a), new Color(0x1d4a1a), 1.5f);
        g.setColor(new Color(0x7fb069));
        Random rnd = new Random(5);
        for (int k = 0; k < 14; k++) {
            double t = -32 + k * 5;
            g.fill(
                    circle(
                            cx + t * Math.cos(-0.45) + rnd.nextInt(5) - 2,
                            cy + t * Math.sin(-0.45) + rnd.nextInt(9) - 4,
                            1.3));
        }
    }

    // ---------------------------------------------------------------- handwriting

    /** Ink on lined paper; each glyph jittered in size, angle and baseline. */
    private void handwriting(String name, String[] lines, boolean chinese, long seed)
            throws IOException {
        try (Canvas c = new Canvas(480, 200, new Color(0xfdfaf0))) {
            var g = c.g;
            g.setColor(new Color(0xc9dcef));
            g.setStroke(new BasicStroke(1f));
            for (int y = 40; y < 200; y += 40) {
                g.drawLine(0, y + 22, 480, y + 22);
            }
            g.setColor(new Color(0xf0b8b8));
            g.drawLine(36, 0, 36, 200);
            Random rnd = new Random(seed);
            Color ink = new Color(0x1b2f7a);
            Font base =
                    chinese
                            ? zh(Font.PLAIN, 40f)
                            : new Font(Font.SERIF, Font.ITALIC, 1).deriveFont(34f);
            for (int li = 0; li < lines.length; li++) {
                double x = 50 + li * 14 + rnd.nextInt(8);
                double baseline = 58 + li * 80;
                for (int k = 0; k < lines[li].length(); k++) {
                    String ch = lines[li].substring(k, k + 1);
                    double size = base.getSize2D() * (0.92 + rnd.nextDouble() * 0.16);
                    Font f = base.deriveFont((float) size);
                    AffineTransform at = new AffineTransform();
                    at.rotate((rnd.nextDouble() - 0.5) * (chinese ? 0.24 : 0.16));
                    at.shear(chinese ? -0.08 : -0.12, 0);
                    f = f.deriveFont(at);
                    g.setFont(f);
                    g.setColor(ink);
                    double y = baseline + (rnd.nextDouble() - 0.5) * (chinese ? 7 : 4) + k * 0.25;
                    java.awt.font.GlyphVector gv =
                            f.createGlyphVector(g.getFontRenderContext(), ch);
                    Shape glyph = gv.getOutline((float) x, (float) y);
                    g.fill(glyph);
                    // a second, slightly offset pass gives the stroke a pen-like unevenness
                    g.setColor(new Color(ink.getRed(), ink.getGreen(), ink.getBlue(), 90));
                    g.fill(
                            AffineTransform.getTranslateInstance(0.7, 0.5)
                                    .createTransformedShape(glyph));
                    double adv = g.getFontMetrics(base.deriveFont((float) size)).stringWidth(ch);
                    x += adv * (chinese ? 1.02 : 0.93) + (rnd.nextDouble() - 0.3) * 2;
                }
            }
            save(c, name);
        }
    }

    // ---------------------------------------------------------------- chart

    /** Cups of coffee sold Mon–Fri: 42, 35, 58, 47, 63 (total 245). */
    private void barChart() throws IOException {
        try (Canvas c = new Canvas(480, 320, Color.WHITE)) {
            var g = c.g;
            text(g, "Cups of coffee sold per day", sans(Font.BOLD, 17), INK, 20, 30);
            String[] days = {"Mon", "Tue", "Wed", "Thu", "Fri"};
            int[] v = {42, 35, 58, 47, 63};
            double x0 = 60;
            double y0 = 280;
            double scale = 3.4;
            Font axis = sans(Font.PLAIN, 12);
            for (int t = 0; t <= 70; t += 10) {
                double y = y0 - t * scale;
                hline(
                        g,
                        x0,
                        460,
                        y,
                        t == 0 ? 1.5f : 0.7f,
                        t == 0 ? Color.DARK_GRAY : new Color(0xdddddd));
                right(g, Integer.toString(t), axis, Color.DARK_GRAY, x0 - 8, y + 4);
            }
            Color bar = new Color(0x6f4e37);
            for (int i = 0; i < v.length; i++) {
                double bx = x0 + 20 + i * 78;
                double h = v[i] * scale;
                fill(g, new java.awt.geom.Rectangle2D.Double(bx, y0 - h, 50, h), bar, null, 0);
                centered(g, Integer.toString(v[i]), sans(Font.BOLD, 13), INK, bx + 25, y0 - h - 6);
                centered(g, days[i], sans(Font.PLAIN, 13), Color.DARK_GRAY, bx + 25, y0 + 18);
            }
            AffineTransform t = g.getTransform();
            g.rotate(-Math.PI / 2, 18, 170);
            centered(g, "cups", axis, Color.DARK_GRAY, 18, 174);
            g.setTransform(t);
            save(c, "bar-chart.png");
        }
    }

    // ---------------------------------------------------------------- receipts and menus

    /** Supermarket receipt: milk 13.00, bread 8.00, apples 12.00, eggs 15.80; total 48.80. */
    private void receiptZh() throws IOException {
        try (Canvas c = new Canvas(300, 420, new Color(0xd9d4cc))) {
            var g = c.g;
            Path2D paper = new Path2D.Double();
            paper.moveTo(30, 10);
            paper.lineTo(270, 10);
            for (int x = 270; x > 30; x -= 10) {
                paper.lineTo(x - 5, 410);
                paper.lineTo(x - 10, 402);
            }
            paper.closePath();
            fill(g, paper, new Color(0xfffefa), null, 0);
            Color k = new Color(0x222222);
            centered(g, "鲜果超市", zh(Font.BOLD, 22), k, 150, 44);
            centered(g, "2026-01-12 18:42  收银台 03", zh(Font.PLAIN, 12), k, 150, 66);
            dashed(g, 40, 260, 78);
            text(g, "商品", zh(Font.BOLD, 13), k, 44, 98);
            text(g, "数量", zh(Font.BOLD, 13), k, 140, 98);
            right(g, "金额", zh(Font.BOLD, 13), k, 256, 98);
            String[][] rows = {
                {"牛奶", "2 × 6.50", "13.00"},
                {"全麦面包", "1", "8.00"},
                {"苹果", "1.5kg", "12.00"},
                {"鸡蛋", "1盒", "15.80"},
            };
            double y = 124;
            for (String[] r : rows) {
                text(g, r[0], zh(Font.PLAIN, 14), k, 44, y);
                text(g, r[1], zh(Font.PLAIN, 13), k, 140, y);
                right(g, r[2], zh(Font.PLAIN, 14), k, 256, y);
                y += 26;
            }
            dashed(g, 40, 260, y - 8);
            text(g, "合计", zh(Font.BOLD, 17), k, 44, y + 18);
            right(g, "¥48.80", zh(Font.BOLD, 17), k, 256, y + 18);
            text(g, "实收", zh(Font.PLAIN, 14), k, 44, y + 46);
            right(g, "50.00", zh(Font.PLAIN, 14), k, 256, y + 46);
            text(g, "找零", zh(Font.PLAIN, 14), k, 44, y + 70);
            right(g, "1.20", zh(Font.PLAIN, 14), k, 256, y + 70);
            dashed(g, 40, 260, y + 86);
            centered(g, "谢谢惠顾，欢迎再次光临", zh(Font.PLAIN, 12), k, 150, y + 110);
            save(c, "receipt-zh.png");
        }
    }

    private static void dashed(java.awt.Graphics2D g, double x1, double x2, double y) {
        g.setColor(new Color(0x777777));
        g.setStroke(
                new BasicStroke(
                        1f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {4f, 3f},
                        0f));
        g.draw(new java.awt.geom.Line2D.Double(x1, y, x2, y));
    }

    /** Noodle shop menu: 牛肉面 28, 炸酱面 22, 小笼包 18, 酸辣汤 12, 豆浆 5 (yuan). */
    private void menuZh() throws IOException {
        try (Canvas c = new Canvas(320, 400, new Color(0x7a1f1f))) {
            var g = c.g;
            fill(
                    g,
                    new RoundRectangle2D.Double(16, 16, 288, 368, 14, 14),
                    new Color(0xfff4dc),
                    new Color(0xc9a04a),
                    3);
            centered(g, "老王面馆", zh(Font.BOLD, 30), new Color(0x7a1f1f), 160, 62);
            centered(g, "菜  单", zh(Font.PLAIN, 16), new Color(0x7a1f1f), 160, 88);
            hline(g, 40, 280, 102, 1.5f, new Color(0xc9a04a));
            String[][] items = {
                {"牛肉面", "28元"}, {"炸酱面", "22元"}, {"小笼包", "18元"}, {"酸辣汤", "12元"}, {"豆浆", "5元"}
            };
            double y = 140;
            for (String[] it : items) {
                text(g, it[0], zh(Font.PLAIN, 20), new Color(0x3a2a1a), 50, y);
                g.setColor(new Color(0xc9a04a));
                g.setStroke(
                        new BasicStroke(
                                1f,
                                BasicStroke.CAP_BUTT,
                                BasicStroke.JOIN_MITER,
                                10f,
                                new float[] {2f, 4f},
                                0f));
                g.draw(new java.awt.geom.Line2D.Double(130, y - 6, 214, y - 6));
                right(g, it[1], zh(Font.BOLD, 20), new Color(0xa3261e), 272, y);
                y += 46;
            }
            centered(g, "小笼包每笼8个 · 豆浆可续杯", zh(Font.PLAIN, 12), new Color(0x7a5a3a), 160, 368);
            save(c, "menu-zh.png");
        }
    }
}
