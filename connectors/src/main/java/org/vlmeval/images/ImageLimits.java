package org.vlmeval.images;

/**
 * Per-endpoint limits applied when loading an image.
 *
 * @param maxBytes images larger than this are refused, checked before decoding or while streaming
 * @param maxPixels images with more pixels are downscaled; null for no limit
 */
public record ImageLimits(long maxBytes, Long maxPixels) {}
