package org.vlmeval.cli;

import org.vlmeval.store.StoreOptions;

import picocli.CommandLine.Option;

/**
 * The {@code --store*} options that {@code replay}, {@code demo}, {@code journal prune} and {@code
 * compare} share (a picocli mixin).
 */
final class StoreArgs {

    @Option(
            names = "--store",
            paramLabel = "JDBC_URL",
            description =
                    "The PostgreSQL store (results and response journal), e.g."
                            + " jdbc:postgresql://db/vlm.")
    String url;

    @Option(names = "--store-user", paramLabel = "USER", description = "Store user.")
    String user;

    @Option(
            names = "--store-password-env",
            paramLabel = "VAR",
            description = "Environment variable holding the store password.")
    String passwordEnv;

    @Option(
            names = "--store-schema",
            paramLabel = "SCHEMA",
            defaultValue = StoreOptions.DEFAULT_SCHEMA,
            description = "Store schema (default: ${DEFAULT-VALUE}).")
    String schema = StoreOptions.DEFAULT_SCHEMA;

    /** The store to write, or null when {@code --store} was not given. */
    StoreOptions options() {
        StoreOptions.Builder b = builder();
        return b == null ? null : b.build();
    }

    /** The options as given, to be completed by the command; null without {@code --store}. */
    StoreOptions.Builder builder() {
        if (url == null) {
            return null;
        }
        StoreOptions.Builder b = StoreOptions.builder(url).schema(schema);
        if (user != null) {
            b.user(user);
        }
        if (passwordEnv != null) {
            b.passwordEnv(passwordEnv);
        }
        return b;
    }
}
