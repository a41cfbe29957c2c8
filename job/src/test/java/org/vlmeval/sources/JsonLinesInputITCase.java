package org.vlmeval.sources;

import org.vlmeval.model.DeadLetter;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.testing.FlinkCluster;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesInputITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir java.nio.file.Path dir;

    // ---- options ------------------------------------------------------------------------

    @Test
    void validationNamesTheField() {
        assertThatThrownBy(() -> JsonLinesInput.builder().build()).hasMessage("path: is required");
        JsonLinesInput missing = JsonLinesInput.builder().path(dir + "/nothing-here").build();
        assertThatThrownBy(() -> missing.source(parser()))
                .hasMessage("path: " + dir + "/nothing-here does not exist");
    }

    @Test
    void filesAreNamedAsGiven() {
        JsonLinesFormat format = new JsonLinesFormat(new EventParser(100, null), "?", () -> T0);
        JsonLinesBulkFormat relative =
                new JsonLinesBulkFormat(format, "corpora/vqa/", "/srv/corpora/vqa");
        assertThat(relative.displayName("/srv/corpora/vqa/sub/a.jsonl"))
                .isEqualTo("corpora/vqa/sub/a.jsonl");
        assertThat(relative.displayName("/srv/corpora/vqa")).isEqualTo("corpora/vqa");
        JsonLinesBulkFormat file = new JsonLinesBulkFormat(format, "in.jsonl", "/home/u/in.jsonl");
        assertThat(file.displayName("/home/u/in.jsonl")).isEqualTo("in.jsonl");
    }

    // ---- a directory on a MiniCluster ------------------------------------------------------

    @Test
    void readsEveryJsonlFileUnderADirectoryWithExactPositions() throws Exception {
        write(
                "a.jsonl",
                request("a1")
                        + "\r\n" // 1
                        + "\r\n" // 2 blank (CRLF)
                        + request("a3")
                        + "\r\n" // 3
                        + "{\"id\": \"broken\", \r\n" // 4 invalid JSON
                        + "   \t \n" // 5 whitespace only
                        + request("a6")
                        + "\n"); // 6
        write(
                "sub/b.jsonl",
                "\n" // 1 blank
                        + "{\"id\":\"no-question\"}\n" // 2 schema violation
                        + request("b3")); // 3, no final newline
        write("notes.txt", request("ignored") + "\n");
        write(".hidden.jsonl", request("hidden") + "\n");
        write("empty.jsonl", "");

        JsonLinesInput input =
                JsonLinesInput.builder().path(dir.toString()).clock(() -> T0).build();
        Map<String, String> byPosition = describe(collect(input));

        String a = dir + "/a.jsonl";
        String b = dir + "/sub/b.jsonl";
        assertThat(byPosition)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                a + ":1", "question a1",
                                a + ":3", "question a3",
                                a + ":4", "dead " + DeadLetter.INVALID_JSON,
                                a + ":6", "question a6",
                                b + ":2", "dead " + DeadLetter.SCHEMA_VIOLATION,
                                b + ":3", "question b3"));
    }

    @Test
    void aSingleFileIsReadWithItsGivenNameAndTheFixedClock() throws Exception {
        java.nio.file.Path file = write("one.jsonl", request("x1") + "\n" + request("x2") + "\n");
        JsonLinesInput input =
                JsonLinesInput.builder().path(file.toString()).clock(() -> T0).build();

        List<SourceEvent> events = collect(input);

        assertThat(describe(events)).containsOnlyKeys(file + ":1", file + ":2");
        // No ts in the requests: the read time is their event time.
        assertThat(events).allSatisfy(e -> assertThat(e.eventTime()).isEqualTo(T0));
    }

    // ---- the reader through the StreamFormat API -------------------------------------------

    /** Lines 1..9: records at 1, 3, 4, 5, 7, 8, 9 (2 and 6 blank). */
    private static final String CHECKPOINT_FILE =
            request("r1")
                    + "\n"
                    + "\n"
                    + request("r3")
                    + "\r\n"
                    + "not json\n"
                    + request("r5")
                    + "\n"
                    + "  \r\n"
                    + request("r7")
                    + "\n"
                    + request("r8")
                    + "\n"
                    + request("r9");

    @Test
    void aRestoredReaderContinuesAtTheRightLine() throws Exception {
        java.nio.file.Path file = write("cp.jsonl", CHECKPOINT_FILE);
        JsonLinesFormat format =
                new JsonLinesFormat(new EventParser(1000, null), "cp.jsonl", () -> T0);
        long length = Files.size(file);

        List<String> first = new ArrayList<>();
        CheckpointedPosition checkpoint;
        try (StreamFormat.Reader<SourceEvent> reader =
                format.createReader(new Configuration(), open(file), length, length)) {
            for (int i = 0; i < 3; i++) {
                first.add(reader.read().deadLetter() == null ? "q" : "d");
            }
            checkpoint = reader.getCheckpointedPosition();
        }
        assertThat(first).containsExactly("q", "q", "d");
        assertThat(checkpoint.getRecordsAfterOffset()).isZero();

        List<String> rest = new ArrayList<>();
        try (StreamFormat.Reader<SourceEvent> restored =
                format.restoreReader(
                        new Configuration(), open(file), checkpoint.getOffset(), length, length)) {
            for (long skip = checkpoint.getRecordsAfterOffset(); skip > 0; skip--) {
                restored.read();
            }
            SourceEvent e;
            while ((e = restored.read()) != null) {
                rest.add(position(e));
            }
        }
        assertThat(rest).containsExactly("cp.jsonl:5", "cp.jsonl:7", "cp.jsonl:8", "cp.jsonl:9");
    }

    @Test
    void restoreWithRecordsToSkipAfterTheOffset() throws Exception {
        java.nio.file.Path file = write("cp.jsonl", CHECKPOINT_FILE);
        JsonLinesFormat format =
                new JsonLinesFormat(new EventParser(1000, null), "cp.jsonl", () -> T0);
        long length = Files.size(file);
        long offset;
        try (StreamFormat.Reader<SourceEvent> reader =
                format.createReader(new Configuration(), open(file), length, length)) {
            reader.read();
            offset = reader.getCheckpointedPosition().getOffset();
        }
        // As Flink's adapter stores it: the offset at a batch start plus records emitted since.
        try (StreamFormat.Reader<SourceEvent> restored =
                format.restoreReader(new Configuration(), open(file), offset, length, length)) {
            restored.read();
            restored.read();
            assertThat(position(restored.read())).isEqualTo("cp.jsonl:5");
        }
    }

    /**
     * As the job runs it: Flink's adapter checkpoints (offset at the batch start, records emitted
     * since). Tiny fetches give one-record batches (restore by offset); large ones a single batch
     * (restore by skipping records).
     */
    @ParameterizedTest
    @ValueSource(strings = {"16b", "1mb"})
    void checkpointsThroughFlinksAdapterResumeAtEveryRecord(String fetchSize) throws Exception {
        java.nio.file.Path file = write("cp.jsonl", CHECKPOINT_FILE);
        JsonLinesBulkFormat bulk =
                new JsonLinesBulkFormat(
                        new JsonLinesFormat(new EventParser(1000, null), "?", () -> T0),
                        "data",
                        file.getParent().toString());
        Configuration config = new Configuration();
        config.set(StreamFormat.FETCH_IO_SIZE, MemorySize.parse(fetchSize));
        long length = Files.size(file);
        FileSourceSplit split =
                new FileSourceSplit("0", new Path(file.toUri()), 0, length, 0, length);

        List<RecordAndPosition<SourceEvent>> all = readAll(bulk.createReader(config, split));
        List<String> expected =
                List.of(
                        "data/cp.jsonl:1",
                        "data/cp.jsonl:3",
                        "data/cp.jsonl:4",
                        "data/cp.jsonl:5",
                        "data/cp.jsonl:7",
                        "data/cp.jsonl:8",
                        "data/cp.jsonl:9");
        assertThat(all).extracting(r -> position(r.getRecord())).isEqualTo(expected);

        for (int k = 0; k < all.size(); k++) {
            RecordAndPosition<SourceEvent> last = all.get(k);
            FileSourceSplit checkpointed =
                    split.updateWithCheckpointedPosition(
                            new CheckpointedPosition(last.getOffset(), last.getRecordSkipCount()));
            List<RecordAndPosition<SourceEvent>> resumed =
                    readAll(bulk.restoreReader(config, checkpointed));
            assertThat(resumed)
                    .as("restored after record %d", k + 1)
                    .extracting(r -> position(r.getRecord()))
                    .isEqualTo(expected.subList(k + 1, expected.size()));
        }
    }

    @Test
    void anOversizedLineBecomesADeadLetterWithoutLosingItsPlace() throws Exception {
        int max = 200;
        String big = request("y".repeat(5000));
        String exact = "{\"id\":\"e\",\"question\":\"" + "z".repeat(max - 24) + "\"}";
        assertThat(exact.length()).isEqualTo(max);
        java.nio.file.Path file =
                write(
                        "big.jsonl",
                        request("s1")
                                + "\n"
                                + big
                                + "\r\n"
                                + exact
                                + "\r\n"
                                + request("s4")
                                + "\n");
        JsonLinesFormat format =
                new JsonLinesFormat(new EventParser(max, null), "big.jsonl", () -> T0);
        long length = Files.size(file);

        List<SourceEvent> events = new ArrayList<>();
        try (StreamFormat.Reader<SourceEvent> reader =
                format.createReader(new Configuration(), open(file), length, length)) {
            SourceEvent e;
            while ((e = reader.read()) != null) {
                events.add(e);
            }
        }

        assertThat(events)
                .extracting(JsonLinesInputITCase::position)
                .containsExactly("big.jsonl:1", "big.jsonl:2", "big.jsonl:3", "big.jsonl:4");
        DeadLetter d = events.get(1).deadLetter();
        assertThat(d.reason()).isEqualTo(DeadLetter.OVERSIZED);
        assertThat(d.payloadBytes()).isEqualTo(big.length()); // the \r is not part of the event
        assertThat(d.detail())
                .isEqualTo("event of " + big.length() + " bytes exceeds the limit of " + max);
        assertThat(d.payload()).startsWith("{\"id\":\"").hasSizeLessThanOrEqualTo(max + 1);
        assertThat(d.receivedAt()).isEqualTo(T0);
        // A line of exactly the limit, before its CRLF, is accepted.
        assertThat(events.get(2).question().requestId()).isEqualTo("e");
    }

    // ---- helpers ------------------------------------------------------------------------

    private static List<RecordAndPosition<SourceEvent>> readAll(
            BulkFormat.Reader<SourceEvent> reader) throws IOException {
        List<RecordAndPosition<SourceEvent>> out = new ArrayList<>();
        try (reader) {
            BulkFormat.RecordIterator<SourceEvent> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<SourceEvent> r;
                while ((r = batch.next()) != null) {
                    // The iterator reuses its holder: copy what we keep.
                    out.add(
                            new RecordAndPosition<>(
                                    r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
                }
                batch.releaseBatch();
            }
        }
        return out;
    }

    private static List<SourceEvent> collect(JsonLinesInput input) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<SourceEvent> out = new ArrayList<>();
        try (CloseableIterator<SourceEvent> it =
                env.fromSource(input.source(parser()), WatermarkStrategy.noWatermarks(), "jsonl")
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /** position → "question <id>" or "dead <reason>"; fails on a repeated position. */
    private static Map<String, String> describe(List<SourceEvent> events) {
        Map<String, String> out = new TreeMap<>();
        for (SourceEvent e : events) {
            String what =
                    e.question() != null
                            ? "question " + e.question().requestId()
                            : "dead " + e.deadLetter().reason();
            assertThat(out.put(position(e), what)).as("position %s twice", position(e)).isNull();
        }
        return out;
    }

    private static String position(SourceEvent e) {
        if (e.question() != null) {
            return e.question().position();
        }
        if (e.recorded() != null) {
            return e.recorded().question().position();
        }
        return e.deadLetter().position();
    }

    private java.nio.file.Path write(String name, String content) throws IOException {
        java.nio.file.Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static FSDataInputStream open(java.nio.file.Path file) throws IOException {
        Path p = new Path(file.toUri());
        return p.getFileSystem().open(p);
    }

    private static EventParser parser() {
        return new EventParser(PipelineOptions.DEFAULT_MAX_EVENT_BYTES, null);
    }

    private static String request(String id) {
        return "{\"id\":\"" + id + "\",\"question\":\"What is shown?\"}";
    }
}
