package org.vlmeval.scoring.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tab-separated keyword table shipped next to the class that reads it (the numeric reader's
 * units, targets and scales; the yes/no reader's opposite states): one row per line, {@code #}
 * starts a comment line. Kept out of the code so that adding a unit is a one-line change reviewed
 * as data (docs/scoring.md, "Numeric keyword tables").
 */
public final class KeywordTable {

    private KeywordTable() {}

    /**
     * The rows of resource {@code name} next to {@code owner}, each split at tabs into exactly
     * {@code columns} cells.
     *
     * @throws IllegalStateException when the resource is missing or a row has another width, so a
     *     broken table fails at class loading instead of silently reading nothing
     */
    public static List<String[]> rows(Class<?> owner, String name, int columns) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing keyword table " + name);
            }
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(
                            name
                                    + " line "
                                    + number
                                    + ": "
                                    + cells.length
                                    + " cells, expected "
                                    + columns);
                }
                out.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
