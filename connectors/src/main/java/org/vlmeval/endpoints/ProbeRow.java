package org.vlmeval.endpoints;

/**
 * One endpoint's result in a probe.
 *
 * @param status {@code ok} or the error kind's JSON name, e.g. {@code connect_failed}
 * @param latencyMs null when no answer came within the probe's timeout
 * @param detail the answer's first {@value Probe#SNIPPET_CHARS} characters, or the error message
 */
public record ProbeRow(
        String endpoint,
        String protocol,
        String model,
        String status,
        Long latencyMs,
        Integer inputTokens,
        Integer outputTokens,
        String detail) {

    public boolean ok() {
        return "ok".equals(status);
    }
}
