package org.vlmeval.judges;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which requests a judge judges: a pure function of the request id and the judge's name, so a
 * replay, a restarted job and another JVM judge exactly the same requests, and two judges with the
 * same rate sample different, independent subsets.
 */
public final class JudgeSampler {

    private static final double TWO_TO_64 = 0x1p64;

    private JudgeSampler() {}

    /**
     * The request's position in [0, 1): the first 8 bytes of SHA-256(request id, a NUL, judge name)
     * as an unsigned number, divided by 2^64.
     */
    public static double position(String requestId, String judgeName) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update(requestId.getBytes(StandardCharsets.UTF_8));
        // A separator, so that ("ab", "c") and ("a", "bc") are different inputs.
        sha256.update((byte) 0);
        sha256.update(judgeName.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(sha256.digest(), 0, 8).getLong();
        double unsigned = (bits >>> 1) * 2.0 + (bits & 1);
        return unsigned / TWO_TO_64;
    }

    /** Whether the request is in the sample: its position is below the rate (1 takes all). */
    public static boolean sampled(String requestId, String judgeName, double sampleRate) {
        return sampleRate >= 1.0 || position(requestId, judgeName) < sampleRate;
    }
}
