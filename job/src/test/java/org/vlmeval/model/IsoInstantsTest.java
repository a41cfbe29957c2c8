package org.vlmeval.model;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path must give the JDK's instant, and leave everything else to the JDK. */
class IsoInstantsTest {

    private static String jdk(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toString();
        } catch (DateTimeException e) {
            return "error";
        }
    }

    private static String ours(String text) {
        try {
            return IsoInstants.parse(text).toString();
        } catch (DateTimeException e) {
            return "error";
        }
    }

    @Test
    void agreesWithTheJdkOnCommonAndOddTexts() {
        for (String text :
                List.of(
                        "2026-11-27T10:15:00Z",
                        "2026-11-27T10:15:00.5Z",
                        "2026-11-27T10:15:00.123456789Z",
                        "2026-11-27T10:15:00.1234567891Z",
                        "2026-11-27T10:15:00+05:30",
                        "2026-11-27T10:15:00-08:00",
                        "2026-11-27T10:15:00+18:00",
                        "2026-11-27T10:15:00+19:00",
                        "2026-11-27T10:15:00+00:00:30",
                        "2026-11-27t10:15:00z",
                        "2026-11-27T10:15Z",
                        "2024-02-29T00:00:00Z",
                        "2026-02-29T00:00:00Z",
                        "2026-04-31T00:00:00Z",
                        "2026-13-01T00:00:00Z",
                        "2026-11-27T24:00:00Z",
                        "2026-11-27T23:59:60Z",
                        "2026-11-27T10:15:00.Z",
                        "2026-11-27T10:15:00",
                        "+12026-11-27T10:15:00Z",
                        "0000-01-01T00:00:00Z",
                        "9999-12-31T23:59:59.999999999-17:59",
                        "2026-11-27 10:15:00Z",
                        "２０２６-11-27T10:15:00Z")) {
            assertThat(ours(text)).as(text).isEqualTo(jdk(text));
        }
    }

    @Test
    void agreesWithTheJdkOnRandomTexts() {
        Random random = new Random(42);
        int fast = 0;
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L));
            String text = t.toString();
            if (random.nextInt(3) == 0) {
                java.time.ZoneOffset offset =
                        java.time.ZoneOffset.ofTotalSeconds(
                                random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
                text = OffsetDateTime.ofInstant(t, offset).toString();
            }
            if (random.nextInt(4) == 0) {
                // Break one character.
                char[] c = text.toCharArray();
                c[random.nextInt(c.length)] = "0123456789:-+TZ.x ".charAt(random.nextInt(18));
                text = new String(c);
            }
            if (IsoInstants.fastPath(text) != null) {
                fast++;
            }
            assertThat(ours(text)).as(text).isEqualTo(jdk(text));
        }
        assertThat(fast).isGreaterThan(50_000);
    }
}
