package org.vlmeval.images;

/** An image that cannot be loaded or is refused; the message says why and, if any, what to do. */
public class ImageException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
