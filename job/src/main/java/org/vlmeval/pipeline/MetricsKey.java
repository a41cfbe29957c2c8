package org.vlmeval.pipeline;

/**
 * What a window aggregates over: one run, one endpoint, one category (or {@link
 * org.vlmeval.model.WindowMetricsRow#ALL_CATEGORIES} for all of them together).
 */
public record MetricsKey(String run, String model, String category) {}
