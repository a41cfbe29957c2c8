package org.vlmeval.report;

import org.vlmeval.images.ImageRef;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the report needs of a corpus, by request id: the reference (as its JSON, to render it the
 * way it was written), the objects, and the image with the directory its path is relative to.
 *
 * <p>The corpus is a JSONL file, or a directory searched recursively for {@code *.jsonl} (names
 * starting with {@code .} or {@code _} skipped, as the job's source does), files in path order.
 * Plain requests and recorded responses both describe their request; the first line seen for an id
 * wins. Lines that are not valid UTF-8, not JSON, or not a valid request are skipped.
 */
final class CorpusIndex {

    /** Image files larger than this are not previewed. */
    static final long MAX_IMAGE_BYTES = 32L * 1024 * 1024;

    /**
     * @param reference the request's {@code reference} object, or null
     * @param objects the objects in the image, or null
     * @param image the image reference, or null
     * @param dir the directory of the JSONL file the request came from
     */
    record Entry(JsonNode reference, List<String> objects, ImageRef image, Path dir) {}

    /** How a case's image is shown: a data URI, or a text saying why not. */
    record Preview(String dataUri, String unavailable, String url) {}

    private final Path root;
    private final Map<String, Entry> entries;

    private CorpusIndex(Path root, Map<String, Entry> entries) {
        this.root = root;
        this.entries = entries;
    }

    /**
     * Reads the corpus, keeping the requests whose id is in {@code ids}. Never fails: a missing or
     * unreadable corpus gives an index without entries.
     */
    static CorpusIndex read(Path corpus, Set<String> ids) {
        Map<String, Entry> entries = new HashMap<>();
        if (corpus == null) {
            return new CorpusIndex(null, entries);
        }
        Path root;
        List<Path> files = new ArrayList<>();
        try {
            if (Files.isDirectory(corpus)) {
                root = corpus.toRealPath();
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                            .filter(p -> !hiddenBelow(root, p))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(corpus)) {
                Path file = corpus.toRealPath();
                root = file.getParent();
                files.add(file);
            } else {
                return new CorpusIndex(null, entries);
            }
        } catch (IOException | RuntimeException e) {
            return new CorpusIndex(null, entries);
        }
        for (Path file : files) {
            try {
                readFile(file, ids, entries);
            } catch (IOException e) {
                // An unreadable file contributes nothing; the report shows the answers anyway.
            }
        }
        return new CorpusIndex(root, entries);
    }

    Entry get(String id) {
        return entries.get(id);
    }

    /** The preview of the entry's image; null when the request has no image. */
    Preview preview(Entry entry, Map<String, Preview> cache) {
        ImageRef image = entry.image();
        if (image == null) {
            return null;
        }
        if (image.url() != null) {
            // Never fetched: the report must not make requests on the corpus author's behalf.
            return new Preview(null, "image not embedded: a URL is not fetched", image.url());
        }
        String key = image.path() != null ? "path:" + entry.dir() + "|" + image.path() : null;
        if (key != null && cache.containsKey(key)) {
            return cache.get(key);
        }
        Preview p;
        try {
            byte[] bytes = image.path() != null ? readPath(entry.dir(), image.path()) : data(image);
            p = new Preview(Thumbnails.dataUri(bytes), null, null);
        } catch (IOException | RuntimeException e) {
            p = new Preview(null, "image unavailable", null);
        }
        if (key != null) {
            cache.put(key, p);
        }
        return p;
    }

    private byte[] readPath(Path dir, String relative) throws IOException {
        if (root == null) {
            throw new IOException("no corpus root");
        }
        Path requested;
        try {
            requested = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new IOException("invalid path", e);
        }
        if (requested.isAbsolute() || requested.getRoot() != null) {
            throw new IOException("absolute image path refused");
        }
        for (Path part : requested) {
            if (part.toString().equals("..")) {
                throw new IOException("image path with .. refused");
            }
        }
        Path candidate = dir.resolve(requested).normalize();
        if (!candidate.startsWith(root)) {
            throw new IOException("image path outside the corpus refused");
        }
        Path real = candidate.toRealPath();
        if (!real.startsWith(root)) {
            throw new IOException("symbolic link out of the corpus refused");
        }
        if (!Files.isRegularFile(real) || Files.size(real) > MAX_IMAGE_BYTES) {
            throw new IOException("not a regular file, or too large");
        }
        try (InputStream in = Files.newInputStream(real)) {
            byte[] bytes = in.readNBytes((int) MAX_IMAGE_BYTES + 1);
            if (bytes.length > MAX_IMAGE_BYTES) {
                throw new IOException("too large");
            }
            return bytes;
        }
    }

    private static byte[] data(ImageRef image) throws IOException {
        String base64 = image.data();
        if (base64.startsWith("data:")) {
            int comma = base64.indexOf(',');
            base64 = comma < 0 ? "" : base64.substring(comma + 1);
        }
        if ((long) base64.length() * 3 / 4 > MAX_IMAGE_BYTES) {
            throw new IOException("too large");
        }
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid base64", e);
        }
    }

    private static boolean hiddenBelow(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static void readFile(Path file, Set<String> ids, Map<String, Entry> entries)
            throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path dir = file.getParent();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                line(bytes, start, i, dir, ids, entries);
                start = i + 1;
            }
        }
    }

    private static void line(
            byte[] bytes, int from, int to, Path dir, Set<String> ids, Map<String, Entry> out) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, from, to - from))
                            .toString();
        } catch (CharacterCodingException e) {
            return;
        }
        if (text.isBlank()) {
            return;
        }
        try {
            ObjectNode node = JsonCodec.readObject(text);
            JsonNode id = node.get("id");
            if (id == null || !id.isTextual() || !ids.contains(id.asText())) {
                return;
            }
            if (out.containsKey(id.asText())) {
                return;
            }
            EvalRequest request = JsonCodec.toEvalRequest(node);
            JsonNode reference = node.get("reference");
            out.put(
                    request.id(),
                    new Entry(
                            reference == null || reference.isNull() ? null : reference,
                            request.objects(),
                            request.image(),
                            dir));
        } catch (InvalidInputException | RuntimeException e) {
            // Skipped: the job sent it to the dead letters too.
        }
    }
}
