package org.vlmeval.endpoints;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * The time and randomness endpoint clients run on. Production uses {@link
 * EndpointClients#create(org.vlmeval.endpoints.config.EndpointsConfig, java.util.Map)}, which makes
 * its own; tests pass a manual clock and scheduler to check pacing, backoff and the circuit breaker
 * without waiting.
 *
 * @param clock reads "now" for deadlines, pacing, Retry-After dates and the circuit breaker
 * @param scheduler runs delayed retries and paced sends; owned by the caller, not shut down by
 *     {@link EndpointClients#close()}
 * @param random draws backoff jitter
 */
public record ClientRuntime(
        Clock clock, ScheduledExecutorService scheduler, RandomGenerator random) {}
