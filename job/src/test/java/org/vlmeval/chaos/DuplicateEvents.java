package org.vlmeval.chaos;

import java.util.List;

/**
 * Scenario {@code dup-events}: every event is produced twice, byte for byte, the copy about 100
 * messages after the original (a producer's retry, a replayed partition); no other fault. The job's
 * dedup step must ask each question once and count it once: answers = events × endpoints, windows =
 * answers, and every (event, endpoint) paid exactly once.
 */
final class DuplicateEvents extends NoFault {

    @Override
    public int copies() {
        return 2;
    }

    @Override
    public List<String> describe(String jobId, long answersDoneAt) {
        return List.of("every event produced twice (the copy ~100 messages after the original)");
    }
}
