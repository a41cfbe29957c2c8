package org.vlmeval.store;

import org.vlmeval.testing.TestPostgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vlmeval.store.StoreFixtures.answers;
import static org.vlmeval.store.StoreFixtures.window;

/** The server stops and starts again while a store is open: writes wait for it and go on. */
class PostgresStoreOutageITCase {

    @TempDir Path dataDirectory;

    @Test
    void anUpsertDuringARestartOfTheServerWaitsForItAndSucceeds() throws Exception {
        Path data = dataDirectory.resolve("pg");
        AtomicReference<TestPostgres.Server> db =
                new AtomicReference<>(TestPostgres.startPrivate(data));
        int port = db.get().port();
        String schema = TestPostgres.freshSchema();
        try {
            StoreOptions options =
                    db.get()
                            .options(schema)
                            .outageTolerance(Duration.ofSeconds(20))
                            .retryBackoff(Duration.ofMillis(50))
                            .maxRetryBackoff(Duration.ofMillis(500))
                            .build();
            try (PostgresStore store = PostgresStore.open(options)) {
                store.upsertAnswers(answers("run", 0, 50));

                db.get().close(); // stops the server, keeps the data directory
                CompletableFuture<Void> restart =
                        CompletableFuture.runAsync(
                                () -> {
                                    try {
                                        Thread.sleep(700);
                                        db.set(TestPostgres.restartPrivate(data, port));
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                });
                long start = System.nanoTime();
                store.upsertAnswers(answers("run", 50, 100));
                store.upsertWindowMetrics(List.of(window("run", "*", 0)));
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                restart.get(30, TimeUnit.SECONDS);

                assertThat(waited).isGreaterThan(Duration.ofMillis(600));
                assertThat(store.connectionsOpened()).isEqualTo(2);
                // Replaying everything after the restart converges to the same table.
                List<String> dump = db.get().dump(schema, "answers");
                List<String> versions = db.get().rowVersions(schema, "answers");
                store.upsertAnswers(answers("run", 0, 100));
                assertThat(db.get().dump(schema, "answers")).isEqualTo(dump);
                assertThat(db.get().rowVersions(schema, "answers")).isEqualTo(versions);
            }
            assertThat(db.get().readAnswers(schema)).isEqualTo(answers("run", 0, 100));
            assertThat(db.get().count(schema, "window_metrics")).isEqualTo(1);
        } finally {
            db.get().close();
        }
    }
}
