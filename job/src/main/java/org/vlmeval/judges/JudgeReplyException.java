package org.vlmeval.judges;

/** A judge's reply that gives no usable judgement, with the classified reason. */
public final class JudgeReplyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final JudgeErrorKind kind;

    public JudgeReplyException(JudgeErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public JudgeErrorKind kind() {
        return kind;
    }
}
