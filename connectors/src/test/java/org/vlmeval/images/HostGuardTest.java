package org.vlmeval.images;

import org.vlmeval.endpoints.config.ImagesConfig;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks made before connecting; no network traffic at all. */
class HostGuardTest {

    private final HostGuard guard = new HostGuard(ImagesConfig.DEFAULT);

    /**
     * Numeric hosts other than a.b.c.d: parsers disagree on them (0177.0.0.1 is 127.0.0.1 to
     * inet_aton and curl, 177.0.0.1 to Java), and those Java cannot parse are resolved by the
     * system resolver from inside OkHttp, where the guarded DNS is never asked.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2130706433",
                "127.1",
                "0177.0.0.1",
                "127.000.000.001",
                "017700000001",
                "127.0.0.1.",
                "1.2.3.4.5",
                "256.1.1.1"
            })
    void numericHostsOtherThanDottedQuadsAreRefused(String host) {
        assertThatThrownBy(() -> guard.checkBeforeConnecting(host))
                .isInstanceOf(ImageException.class)
                .hasMessage(
                        "image url host "
                                + host
                                + " is not an IPv4 address in a.b.c.d form; add it to"
                                + " images.allow_hosts to allow it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::7f00:1", "::a00:1"})
    void ipv4CompatibleIpv6IsJudgedByItsIpv4Address(String host) {
        assertThatThrownBy(() -> guard.checkBeforeConnecting(host))
                .isInstanceOf(ImageException.class)
                .hasMessageStartingWith("image url host " + host + " is a ");
        assertThat(AddressClass.refusalReason(parse("::7f00:1"))).isEqualTo("a loopback address");
        assertThat(AddressClass.refusalReason(parse("::a00:1"))).isEqualTo("a private address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"})
    void publicLiteralsPass(String host) {
        assertThatCode(() -> guard.checkBeforeConnecting(host)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "10.0.0.5"})
    void theAllowListStillWins(String host) {
        HostGuard allowing = new HostGuard(new ImagesConfig(null, List.of(host)));
        assertThatCode(() -> allowing.checkBeforeConnecting(host)).doesNotThrowAnyException();
    }

    private static java.net.InetAddress parse(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
