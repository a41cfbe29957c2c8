package org.vlmeval.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code path} images, only from under the configured {@code images.root}: no {@code ..}, no
 * absolute path elsewhere, no symlink pointing out.
 */
final class ImageRoot {

    private final String configuredRoot;

    /**
     * @param configuredRoot {@code images.root}; null refuses every path image
     */
    ImageRoot(String configuredRoot) {
        this.configuredRoot = configuredRoot;
    }

    byte[] read(String relative, long maxBytes) throws ImageException {
        Path file = resolve(relative);
        try {
            if (!Files.isRegularFile(file)) {
                throw new ImageException("image path " + relative + " is not a regular file");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(relative, size, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // The file may grow between size() and the read.
                byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > maxBytes) {
                    throw tooLarge(relative, bytes.length, maxBytes);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new ImageException("image path " + relative + " cannot be read: " + e, e);
        }
    }

    private Path resolve(String relative) throws ImageException {
        if (configuredRoot == null) {
            throw new ImageException(
                    "image path " + relative + " refused: images.root is not configured");
        }
        Path root;
        try {
            root = Path.of(configuredRoot).toRealPath();
        } catch (IOException | InvalidPathException e) {
            throw new ImageException("images.root " + configuredRoot + " does not exist", e);
        }
        Path requested;
        try {
            requested = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new ImageException("image path " + relative + " is not a valid path", e);
        }
        for (Path part : requested) {
            if (part.toString().equals("..")) {
                throw escape(relative);
            }
        }
        Path candidate = root.resolve(requested).normalize();
        if (!candidate.startsWith(root)) {
            throw escape(relative);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ImageException(
                    "image path " + relative + " does not exist under images.root", e);
        } catch (IOException e) {
            throw new ImageException("image path " + relative + " cannot be resolved: " + e, e);
        }
        if (!real.startsWith(root)) {
            throw new ImageException(
                    "image path "
                            + relative
                            + " refused: a symbolic link leads outside images.root");
        }
        return real;
    }

    private static ImageException escape(String relative) {
        return new ImageException(
                "image path " + relative + " refused: it must stay under images.root");
    }

    private static ImageException tooLarge(String relative, long size, long max) {
        return new ImageException(
                "image path "
                        + relative
                        + " has "
                        + size
                        + " bytes, more than max_image_bytes "
                        + max);
    }
}
