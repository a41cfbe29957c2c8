package org.vlmeval.endpoints.config;

import org.vlmeval.options.Check;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The {@code images:} section of an endpoints file, shared by all endpoints because it describes
 * where images may come from, not how a server takes them.
 *
 * @param root the directory {@code path} images are resolved under; null when path images are
 *     refused
 * @param allowHosts host names or IP literals (lower case) that image URLs may name even though
 *     they resolve to loopback, private, link-local or metadata addresses; empty by default
 */
public record ImagesConfig(String root, List<String> allowHosts) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ImagesConfig DEFAULT = new ImagesConfig(null, List.of());

    public ImagesConfig {
        Check.that(
                allowHosts == null || allowHosts.stream().noneMatch(h -> h == null || h.isBlank()),
                "allow_hosts",
                "must be a list of host names, has a blank one");
        allowHosts =
                allowHosts == null
                        ? List.of()
                        : allowHosts.stream().map(ImagesConfig::normalizeHost).toList();
    }

    /** Lower case, IPv6 literals without brackets, so "[::1]" and "::1" name the same host. */
    public static String normalizeHost(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            return lower.substring(1, lower.length() - 1);
        }
        return lower;
    }

    public boolean allows(String host) {
        return allowHosts.contains(normalizeHost(host));
    }
}
