package org.vlmeval.options;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared YAML binding: placeholders, strictness and message shape. */
class YamlOptionsTest {

    record Limits(int maxCalls, Duration timeout, String name, List<String> hosts) {
        Limits {
            Check.atLeast("max_calls", maxCalls, 1);
        }
    }

    record Outer(Limits limits, Map<String, String> properties) {}

    private static Outer bind(String yaml, Map<String, String> env) {
        return YamlOptions.parse(yaml, "x.yaml", env::get).bind(Outer.class);
    }

    private static Outer bind(String yaml) {
        return bind(yaml, Map.of());
    }

    @Test
    void bindsSnakeCaseNamesDurationsAndLists() {
        Outer o = bind("limits: {max_calls: 3, timeout: 2m, name: a, hosts: [h1, h2]}\n");
        assertThat(o.limits())
                .isEqualTo(new Limits(3, Duration.ofMinutes(2), "a", List.of("h1", "h2")));
    }

    @Test
    void placeholdersResolveFromTheEnvironmentInAnyStringValue() {
        Map<String, String> env = Map.of("USER_X", "vlm", "PASSWORD_X", "s3cr$t\\1");
        Outer o =
                bind(
                        "limits: {max_calls: 1, name: '${env:USER_X}'}\n"
                                + "properties: {sasl.jaas.config: 'u=\"${env:USER_X}\""
                                + " p=\"${env:PASSWORD_X}\";'}\n",
                        env);
        assertThat(o.limits().name()).isEqualTo("vlm");
        assertThat(o.properties().get("sasl.jaas.config")).isEqualTo("u=\"vlm\" p=\"s3cr$t\\1\";");
    }

    @Test
    void anUnsetVariableNamesTheOptionAndTheVariableNeverAValue() {
        assertThatThrownBy(() -> bind("properties: {ssl.key.password: '${env:UNSET_42}'}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "x.yaml: properties.ssl.key.password: environment variable UNSET_42 is"
                                + " not set (referenced as ${env:UNSET_42})");
        assertThatThrownBy(() -> bind("properties: {a: 'x ${env:} y'}\n"))
                .hasMessageStartingWith("x.yaml: properties.a: malformed placeholder");
    }

    @Test
    void noSilentCoercionAndNoUnknownOrDuplicateKeys() {
        assertThatThrownBy(() -> bind("limits: {max_calls: '3'}\n"))
                .hasMessage("x.yaml: limits.max_calls: must be a whole number, was '3'");
        assertThatThrownBy(() -> bind("limits: {max_calls: 2.5}\n"))
                .hasMessage("x.yaml: limits.max_calls: must be a whole number, was 2.5");
        assertThatThrownBy(() -> bind("limits: {max_calls: 1, name: 5}\n"))
                .hasMessage("x.yaml: limits.name: must be a string (quote it), was 5");
        assertThatThrownBy(() -> bind("limits: {max_calls: 1, timeout: 30}\n"))
                .hasMessageStartingWith("x.yaml: limits.timeout: must be a duration");
        assertThatThrownBy(() -> bind("limits: {max_calls: 1, timeout: soon}\n"))
                .hasMessageStartingWith("x.yaml: limits.timeout: expected a duration");
        assertThatThrownBy(() -> bind("limits: {max_calls: 1, maxCalls: 2}\n"))
                .hasMessageStartingWith("x.yaml: limits.maxCalls: unknown field (known: hosts,");
        assertThatThrownBy(() -> bind("limits: {max_calls: 1}\nlimits: {max_calls: 2}\n"))
                .hasMessageStartingWith("x.yaml: not valid YAML: Duplicate field 'limits'");
    }

    @Test
    void anOptionsObjectsOwnCheckIsReportedUnderItsPath() {
        assertThatThrownBy(() -> bind("limits: {max_calls: 0}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.yaml: limits.max_calls: must be >= 1, was 0");
    }

    @Test
    void sizesTakeBytesOrAUnit() {
        assertThat(ByteSizes.parse("1048576")).isEqualTo(1L << 20);
        assertThat(ByteSizes.parse("10MiB")).isEqualTo(10L << 20);
        assertThat(ByteSizes.parse("512 KB")).isEqualTo(512_000L);
        assertThat(ByteSizes.parse("1GiB")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> ByteSizes.parse("ten megs"))
                .hasMessageStartingWith("expected a size such as");
    }
}
