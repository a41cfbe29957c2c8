package org.vlmeval.images;

import org.vlmeval.endpoints.config.ImagesConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which hosts image URLs may reach, so that a request event cannot make the evaluator fetch
 * from internal services or cloud metadata (SSRF). Only public unicast addresses pass, unless
 * {@code images.allow_hosts} names the host.
 */
final class HostGuard {

    private static final Set<String> METADATA_NAMES =
            Set.of("metadata.google.internal", "metadata.goog", "metadata");

    /** What OkHttp takes for an IPv4 literal and resolves with InetAddress, not with its Dns. */
    private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+");

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD =
            Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);

    private final ImagesConfig config;

    HostGuard(ImagesConfig config) {
        this.config = config;
    }

    boolean allowListed(String host) {
        return config.allows(host);
    }

    /**
     * Checks what can be checked without any network traffic: allow-listed hosts, metadata host
     * names, and IP literals (which OkHttp connects to without asking its DNS).
     *
     * <p>Numeric hosts must be plain a.b.c.d: OkHttp hands any all-digits-and-dots host to {@code
     * InetAddress.getByName}, which parses some other forms itself (2130706433, 127.1, 0177.0.0.1
     * as decimal 177.0.0.1, unlike inet_aton) and sends the rest (127.0.0.1., 017700000001) to the
     * system resolver, outside {@link GuardedDns}.
     */
    void checkBeforeConnecting(String host) throws ImageException {
        if (allowListed(host)) {
            return;
        }
        String normalized = ImagesConfig.normalizeHost(host);
        if (METADATA_NAMES.contains(normalized)) {
            throw refused(host, "is a cloud metadata service");
        }
        boolean ipv6 = normalized.contains(":");
        if (!ipv6
                && NUMERIC_HOST.matcher(normalized).matches()
                && !DOTTED_QUAD.matcher(normalized).matches()) {
            throw refused(host, "is not an IPv4 address in a.b.c.d form");
        }
        if (ipv6 || NUMERIC_HOST.matcher(normalized).matches()) {
            InetAddress address;
            try {
                // A dotted quad or an IPv6 literal is parsed, never looked up.
                address = InetAddress.getByName(normalized);
            } catch (UnknownHostException e) {
                throw new ImageException("image url host " + host + " is not a valid address", e);
            }
            String reason = AddressClass.refusalReason(address);
            if (reason != null) {
                throw refused(host, "is " + reason);
            }
        }
    }

    /** Checks every address a host name resolved to; one internal address refuses the host. */
    void checkResolved(String host, List<InetAddress> addresses) throws RefusedHostException {
        if (allowListed(host)) {
            return;
        }
        for (InetAddress address : addresses) {
            String reason = AddressClass.refusalReason(address);
            if (reason != null) {
                throw new RefusedHostException(
                        refusalMessage(
                                host, "resolves to " + address.getHostAddress() + ", " + reason));
            }
        }
    }

    private static ImageException refused(String host, String why) {
        return new ImageException(refusalMessage(host, why));
    }

    private static String refusalMessage(String host, String why) {
        return "image url host " + host + " " + why + "; add it to images.allow_hosts to allow it";
    }

    /** A host refused during DNS resolution; OkHttp passes it through unchanged. */
    static final class RefusedHostException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedHostException(String message) {
            super(message);
        }
    }
}
