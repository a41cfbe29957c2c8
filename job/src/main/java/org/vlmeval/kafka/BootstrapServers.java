package org.vlmeval.kafka;

import org.vlmeval.options.Check;

/** The {@code bootstrap_servers} option of the Kafka source and sinks. */
public final class BootstrapServers {

    private BootstrapServers() {}

    /** A comma-separated list of {@code host:port}; returned trimmed. */
    public static String check(String field, String value) {
        String v = Check.nonBlank(field, value);
        for (String server : v.split(",", -1)) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            boolean ok = !s.isEmpty() && colon > 0 && colon < s.length() - 1;
            if (ok) {
                try {
                    int port = Integer.parseInt(s.substring(colon + 1));
                    ok = port > 0 && port <= 65535;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            Check.that(ok, field, "each server must be host:port, was \"" + s + "\"");
        }
        return v;
    }
}
