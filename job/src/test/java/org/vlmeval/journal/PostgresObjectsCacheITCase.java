package org.vlmeval.journal;

import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.judges.Judgement;
import org.vlmeval.judges.ObjectsCache;
import org.vlmeval.testing.TestPostgres;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store-backed objects cache against a real PostgreSQL: lists survive the cache (a new one
 * finds them), text PostgreSQL cannot hold (NUL) is stored as U+FFFD instead of being refused, and
 * writes behind are all in the table once the cache is closed.
 */
class PostgresObjectsCacheITCase {

    static Judgement list(String requestId, List<String> objects, String rationale) {
        return new Judgement(
                "lister",
                JudgeTask.OBJECTS,
                requestId,
                null,
                "img",
                null,
                objects,
                rationale,
                "objects.v1.en",
                1200,
                800,
                30,
                0.002,
                false,
                null,
                null,
                null);
    }

    @Test
    void listsOutliveTheCacheAndNulIsStoredNotRefused() {
        String schema = TestPostgres.freshSchema();
        ObjectsCache.Key a = new ObjectsCache.Key("aaa", "lister", "objects.v1.en");
        ObjectsCache.Key b = new ObjectsCache.Key("bbb", "lister", "objects.v1.en");
        try (PostgresObjectsCache cache =
                PostgresObjectsCache.open(TestPostgres.options(schema).build(), System::getenv)) {
            // A judge's JSON may carry \u0000: the list is kept, and the next one too.
            cache.put(a, list("q1", List.of("cat\u0000", "sofa"), "seen\u0000"));
            cache.put(b, list("q2", List.of("dog"), ""));
        }
        assertThat(TestPostgres.count(schema, "judged_objects")).isEqualTo(2);
        try (PostgresObjectsCache again =
                PostgresObjectsCache.open(TestPostgres.options(schema).build(), System::getenv)) {
            assertThat(again.get(a).orElseThrow().objects()).containsExactly("cat\uFFFD", "sofa");
            assertThat(again.get(b).orElseThrow().objects()).containsExactly("dog");
            assertThat(again.get(b).orElseThrow().requestId()).isEqualTo("q2");
            assertThat(again.get(new ObjectsCache.Key("ccc", "lister", "objects.v1.en"))).isEmpty();
            assertThat(again.failures()).isZero();
        }
    }
}
