package org.vlmeval.journal;

import org.vlmeval.model.CallResult;

import java.util.Set;

/**
 * Which outcomes are journalled: the ones that would come out the same if the question were asked
 * again, so that asking again would only cost money.
 *
 * <ul>
 *   <li>journalled: every answer, and the errors {@link #REPEATABLE_ERRORS}: {@code client_error}
 *       (HTTP 4xx other than 429: the request itself is refused), {@code bad_response} (HTTP 200
 *       the protocol cannot read: paid for, and the same prompt gets the same kind of body), {@code
 *       image_error} (the image cannot be loaded or is refused; nothing is sent, but it fails the
 *       same way again);
 *   <li>not journalled, so that a re-run or a restore asks again: {@code timeout} (the client's and
 *       the operator's), {@code server_error}, {@code connect_failed}, {@code circuit_open}, {@code
 *       rate_limited} — conditions of the moment, not of the question — and {@code not_recorded} (a
 *       recorded endpoint costs nothing and its recordings may be completed), as well as any kind
 *       this build does not know.
 * </ul>
 *
 * Reused outcomes are not journalled again.
 */
public final class JournalRule {

    /** The error kinds journalled: they would repeat if the question were asked again. */
    public static final Set<String> REPEATABLE_ERRORS =
            Set.of("client_error", "bad_response", "image_error");

    private JournalRule() {}

    /** Whether {@code result} is kept in the journal. */
    public static boolean journalled(CallResult result) {
        if (result.reused()) {
            return false;
        }
        return result.ok() || REPEATABLE_ERRORS.contains(result.errorKind());
    }
}
