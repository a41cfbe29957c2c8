package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.images.ImageException;
import org.vlmeval.images.ImageLimits;
import org.vlmeval.images.ImageLoader;
import org.vlmeval.images.ImageRef;
import org.vlmeval.images.LoadedImage;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The clients of every configured endpoint, sharing one OkHttp client (one connection pool, one
 * dispatcher sized for the sum of the endpoints' concurrency limits), one image loader and one
 * scheduler. Close it to release threads and connections.
 */
public final class EndpointClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointClients.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final EndpointsConfig config;
    private final Map<String, EndpointClient> clients = new LinkedHashMap<>();
    private final OkHttpClient http;
    private final ExecutorService imageExecutor;
    private final ImageLoader images;
    private final ScheduledExecutorService ownedScheduler;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EndpointClients(
            EndpointsConfig config,
            Map<String, String> env,
            ClientRuntime runtime,
            ScheduledExecutorService ownedScheduler) {
        this.config = config;
        this.ownedScheduler = ownedScheduler;
        // Resolve every key before starting threads: a missing variable fails fast and leaks
        // nothing.
        Map<String, ApiKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < config.endpoints().size(); i++) {
            EndpointConfig endpoint = config.endpoints().get(i);
            String where = config.source() + ": endpoints[" + i + "]";
            keys.put(endpoint.name(), ApiKey.fromEnvironment(endpoint, env, where));
        }
        this.http = sharedHttpClient(config);
        this.imageExecutor = Executors.newCachedThreadPool(daemonThreads("vlm-eval-image-loader"));
        this.images = new ImageLoader(config.images(), http);
        EndpointClient.Shared shared =
                new EndpointClient.Shared(http, images, imageExecutor, runtime, closed);
        for (EndpointConfig endpoint : config.endpoints()) {
            EndpointClient client = new EndpointClient(endpoint, keys.get(endpoint.name()), shared);
            if (client.prompts().dropsSystemPromptWithImage()) {
                LOG.warn(
                        "endpoint '{}': system_prompt is dropped from questions with an image,"
                                + " because {} rejects system messages together with images",
                        endpoint.name(),
                        endpoint.family().yamlName());
            }
            clients.put(endpoint.name(), client);
        }
    }

    /**
     * Creates clients with the system clock and their own scheduler.
     *
     * @param env where {@code api_key_env} variables are looked up, usually {@code System.getenv()}
     * @throws org.vlmeval.options.ConfigException when a key variable is unset
     */
    public static EndpointClients create(EndpointsConfig config, Map<String, String> env) {
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        daemonThreads("vlm-eval-retry-scheduler"));
        ClientRuntime runtime =
                new ClientRuntime(Clock.systemUTC(), scheduler, RandomGenerator.getDefault());
        try {
            return new EndpointClients(config, env, runtime, scheduler);
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
    }

    /** Creates clients on the given clock, scheduler and randomness (not shut down by close). */
    public static EndpointClients create(
            EndpointsConfig config, Map<String, String> env, ClientRuntime runtime) {
        return new EndpointClients(config, env, runtime, null);
    }

    /**
     * @throws IllegalArgumentException for a name not in the config
     */
    public EndpointClient client(String name) {
        EndpointClient client = clients.get(name);
        if (client == null) {
            throw new IllegalArgumentException(
                    "no endpoint '"
                            + name
                            + "' in "
                            + config.source()
                            + "; known: "
                            + clients.keySet());
        }
        return client;
    }

    /**
     * Loads an image under the file's {@code images} rules (root, allowed hosts) on the clients'
     * image threads, e.g. to hash its bytes before deciding whether to send it at all. The future
     * fails with an {@link ImageException} when the image is refused or cannot be read.
     */
    public CompletableFuture<LoadedImage> loadImage(
            ImageRef ref, ImageLimits limits, Duration timeout) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return images.load(ref, limits, timeout);
                    } catch (ImageException e) {
                        throw new CompletionException(e);
                    }
                },
                imageExecutor);
    }

    /** All clients, in the order of the endpoints file. */
    public List<EndpointClient> all() {
        return List.copyOf(clients.values());
    }

    public EndpointsConfig config() {
        return config;
    }

    /**
     * Stops: queued calls and calls in flight complete with an error answer, threads end and pooled
     * connections close.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        clients.values().forEach(EndpointClient::rejectWaiting);
        http.dispatcher().cancelAll();
        imageExecutor.shutdownNow();
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        // shutdownNow() dropped scheduled retries and paced sends: their calls would never end.
        clients.values().forEach(EndpointClient::abandonActive);
    }

    @Override
    public String toString() {
        return "EndpointClients" + clients.values();
    }

    private static OkHttpClient sharedHttpClient(EndpointsConfig config) {
        int totalConcurrency =
                config.endpoints().stream().mapToInt(EndpointConfig::maxConcurrency).sum();
        // Each endpoint limits itself; the dispatcher must never be the narrower limit, also when
        // several endpoints share one host (e.g. two models on one Ollama server).
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(64, totalConcurrency));
        dispatcher.setMaxRequestsPerHost(Math.max(64, totalConcurrency));
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(
                        new ConnectionPool(Math.max(5, totalConcurrency), 5, TimeUnit.MINUTES))
                .connectTimeout(CONNECT_TIMEOUT)
                // Model answers can take minutes before the first byte; each call's deadline
                // (call timeout) bounds it instead.
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                // A redirect would be a misconfigured base_url; following it could carry the key
                // elsewhere.
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
