package org.vlmeval.judges;

import org.vlmeval.images.ImageRef;

import java.util.Objects;

/**
 * An image whose objects to list.
 *
 * @param requestId the request's id (sampling and tracing)
 * @param image the image
 * @param question the request's question, only to choose the prompt language under {@code auto};
 *     may be null
 */
public record ObjectsRequest(String requestId, ImageRef image, String question) {

    public ObjectsRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(image, "image");
    }
}
