package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.images.ImageRef;

import javax.imageio.ImageIO;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Checks that every configured endpoint answers: sends each one a tiny built-in picture (a red
 * square and a blue circle) with "What colours do you see?", all at once, and reports one row per
 * endpoint.
 */
public final class Probe {

    public static final String QUESTION = "What colours do you see?";
    static final int SNIPPET_CHARS = 60;
    private static final int ERROR_CHARS = 160;

    private Probe() {}

    /**
     * Creates clients for the config, probes them and closes them.
     *
     * @param env where api_key_env variables are looked up
     * @param timeout how long to wait for all answers; endpoints still silent then get a {@code
     *     timeout} row
     * @throws org.vlmeval.options.ConfigException when a key variable is unset
     */
    public static List<ProbeRow> run(
            EndpointsConfig config, Map<String, String> env, Duration timeout) {
        try (EndpointClients clients = EndpointClients.create(config, env)) {
            return run(clients, timeout);
        }
    }

    /** Probes already created clients, in the order of the endpoints file. */
    public static List<ProbeRow> run(EndpointClients clients, Duration timeout) {
        ImageRef image =
                ImageRef.ofData(Base64.getEncoder().encodeToString(testImage()), "image/png");
        List<EndpointClient> all = clients.all();
        List<CompletableFuture<ModelAnswer>> answers = new ArrayList<>();
        for (EndpointClient client : all) {
            answers.add(client.ask(new ModelQuestion("probe", image, QUESTION)));
        }
        awaitAll(answers, timeout);
        List<ProbeRow> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            EndpointConfig endpoint = all.get(i).config();
            ModelAnswer answer = answers.get(i).getNow(null);
            rows.add(answer == null ? unanswered(endpoint, timeout) : row(endpoint, answer));
        }
        return rows;
    }

    /** An aligned text table of the rows, one line per endpoint under a header line. */
    public static String format(List<ProbeRow> rows) {
        List<Column> columns =
                List.of(
                        new Column("ENDPOINT", ProbeRow::endpoint, false),
                        new Column("PROTOCOL", ProbeRow::protocol, false),
                        new Column("MODEL", ProbeRow::model, false),
                        new Column("STATUS", ProbeRow::status, false),
                        new Column("LATENCY_MS", r -> r.latencyMs(), true),
                        new Column("TOKENS_IN", r -> r.inputTokens(), true),
                        new Column("TOKENS_OUT", r -> r.outputTokens(), true),
                        new Column("ANSWER_OR_ERROR", ProbeRow::detail, false));
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).header.length();
            for (ProbeRow row : rows) {
                widths[c] = Math.max(widths[c], columns.get(c).cell(row).length());
            }
        }
        StringBuilder table = new StringBuilder();
        appendLine(table, columns, widths, null);
        for (ProbeRow row : rows) {
            appendLine(table, columns, widths, row);
        }
        return table.toString();
    }

    /** A 64x64 PNG: a red square and a blue circle on white. */
    static byte[] testImage() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, 64, 64);
            graphics.setColor(Color.RED);
            graphics.fillRect(6, 6, 24, 24);
            graphics.setColor(Color.BLUE);
            graphics.fillOval(32, 32, 26, 26);
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory cannot fail", e);
        }
        return png.toByteArray();
    }

    private static void awaitAll(List<CompletableFuture<ModelAnswer>> answers, Duration timeout) {
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // Unanswered endpoints are reported as timeouts; answers never fail exceptionally.
        }
    }

    private static ProbeRow row(EndpointConfig endpoint, ModelAnswer answer) {
        String status = answer.ok() ? "ok" : answer.error().kind().jsonName();
        String detail =
                answer.ok()
                        ? oneLine(answer.text(), SNIPPET_CHARS)
                        : oneLine(answer.error().message(), ERROR_CHARS);
        return new ProbeRow(
                endpoint.name(),
                endpoint.protocol().yamlName(),
                endpoint.model(),
                status,
                answer.latencyMs(),
                answer.inputTokens(),
                answer.outputTokens(),
                detail);
    }

    private static ProbeRow unanswered(EndpointConfig endpoint, Duration timeout) {
        return new ProbeRow(
                endpoint.name(),
                endpoint.protocol().yamlName(),
                endpoint.model(),
                ErrorKind.TIMEOUT.jsonName(),
                null,
                null,
                null,
                "no answer within the probe's " + timeout.toMillis() + " ms");
    }

    private static String oneLine(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }

    private static void appendLine(
            StringBuilder table, List<Column> columns, int[] widths, ProbeRow row) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            String cell = row == null ? column.header : column.cell(row);
            String padding = " ".repeat(widths[c] - cell.length());
            line.append(column.rightAligned && row != null ? padding + cell : cell + padding);
            line.append("  ");
        }
        table.append(line.toString().stripTrailing()).append('\n');
    }

    private record Column(String header, Function<ProbeRow, Object> value, boolean rightAligned) {
        String cell(ProbeRow row) {
            Object v = value.apply(row);
            return v == null ? "-" : v.toString();
        }
    }
}
