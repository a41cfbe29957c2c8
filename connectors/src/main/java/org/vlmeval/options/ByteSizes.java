package org.vlmeval.options;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as written in configuration files: bytes ({@code 1048576}) or with a unit ({@code 10MiB}).
 */
public final class ByteSizes {

    private static final Pattern FORMAT =
            Pattern.compile("(\\d{1,12})\\s*(b|kb|kib|mb|mib|gb|gib)?", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {}

    /**
     * @throws IllegalArgumentException with a reason fit to follow "field: "
     */
    public static long parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a size such as 1048576, 512KiB, 10MiB or 1GB, was '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor =
                switch (unit) {
                    case "kb" -> 1_000L;
                    case "kib" -> 1L << 10;
                    case "mb" -> 1_000_000L;
                    case "mib" -> 1L << 20;
                    case "gb" -> 1_000_000_000L;
                    case "gib" -> 1L << 30;
                    default -> 1L;
                };
        return Math.multiplyExact(amount, factor);
    }
}
