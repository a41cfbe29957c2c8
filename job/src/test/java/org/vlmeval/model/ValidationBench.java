package org.vlmeval.model;

import org.vlmeval.bench.PipelineBenchmark;
import org.vlmeval.sources.EventParser;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Event validation before and after the typed checks, side by side in one JVM, one thread: the
 * schema validator alone, the typed checks (as {@link Schemas#get()} runs them), and a whole {@link
 * EventParser#parse} (bytes to a recorded answer), per event, on the re-scoring benchmark's
 * recorded responses. Three alternating rounds after a warm-up; the last round is printed. In this
 * package for {@link Schemas#validatorOnly()}:
 *
 * <pre>java -cp TEST_CLASSPATH org.vlmeval.model.ValidationBench [events=100000]</pre>
 */
public final class ValidationBench {

    private ValidationBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("events=", "")) : 100_000;
        List<byte[]> events = new ArrayList<>();
        List<ObjectNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] e = PipelineBenchmark.recordedEvent(i);
            events.add(e);
            nodes.add(JsonCodec.readObject(new String(e, java.nio.charset.StandardCharsets.UTF_8)));
        }
        Schemas validator = Schemas.validatorOnly();
        Schemas typed = Schemas.get();
        EventParser parser = new EventParser(10 << 20, null);
        Instant now = Instant.now();
        String line = "";
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            for (ObjectNode node : nodes) {
                validator.validateRecordedResponse(node);
            }
            long t1 = System.nanoTime();
            for (ObjectNode node : nodes) {
                typed.validateRecordedResponse(node);
            }
            long t2 = System.nanoTime();
            long dead = 0;
            for (byte[] e : events) {
                if (parser.parse(e, "p", now).deadLetter() != null) {
                    dead++;
                }
            }
            long t3 = System.nanoTime();
            double schemaUs = (t1 - t0) / 1e3 / n;
            double typedUs = (t2 - t1) / 1e3 / n;
            double parseUs = (t3 - t2) / 1e3 / n;
            line =
                    String.format(
                            Locale.ROOT,
                            "validate recorded response (%d events, round %d): schema validator %.2f us,"
                                    + " typed checks %.2f us per event; EventParser.parse %.2f us per event"
                                    + " with typed checks (%.2f us with the validator: parse - typed +"
                                    + " validator); %d dead letters",
                            n,
                            round,
                            schemaUs,
                            typedUs,
                            parseUs,
                            parseUs - typedUs + schemaUs,
                            dead);
            System.out.println(line);
        }
    }
}
