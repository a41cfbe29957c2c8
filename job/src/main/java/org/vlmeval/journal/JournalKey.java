package org.vlmeval.journal;

import org.vlmeval.options.Check;

import java.io.Serializable;

/**
 * What identifies one paid call: the same key means the same question put the same way to the same
 * endpoint in the same run.
 *
 * @param run the evaluation run
 * @param requestId the request's id within the run
 * @param endpoint the configured endpoint name
 * @param sample the sample number of this question at this endpoint (0 for the first or only one;
 *     an endpoint's {@code repeats} numbers its samples, each one a call of its own)
 * @param fingerprint the {@link PromptFingerprint} of what is sent
 */
public record JournalKey(
        String run, String requestId, String endpoint, int sample, String fingerprint)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public JournalKey {
        Check.nonBlank("run", run);
        Check.nonBlank("request_id", requestId);
        Check.nonBlank("endpoint", endpoint);
        Check.atLeast("sample", sample, 0);
        Check.nonBlank("fingerprint", fingerprint);
    }

    @Override
    public String toString() {
        return "(run="
                + run
                + ", request_id="
                + requestId
                + ", endpoint="
                + endpoint
                + ", sample="
                + sample
                + ", fingerprint="
                + fingerprint.substring(0, Math.min(12, fingerprint.length()))
                + "…)";
    }
}
