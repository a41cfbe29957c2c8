package org.vlmeval.cli;

import org.vlmeval.endpoints.Probe;
import org.vlmeval.endpoints.ProbeRow;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.options.ConfigException;
import org.vlmeval.options.Durations;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vlm-eval probe}: is every configured model endpoint answering, and how? */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description = {
            "Send one small built-in image and question to every endpoint at once and print a table:",
            "endpoint, protocol, model, status, latency, tokens, answer snippet or error."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every endpoint answered",
            "1:some endpoint failed (its row says why)",
            "64:usage error",
            "78:the endpoints file is unusable (the message names the field)"
        })
final class ProbeCommand implements Callable<Integer> {

    /** sysexits.h EX_CONFIG: configuration error. */
    static final int EXIT_CONFIG = 78;

    @Spec CommandSpec spec;

    @Option(
            names = "--endpoints",
            required = true,
            paramLabel = "FILE",
            description = "endpoints.yaml (see connectors/README.md)")
    Path endpoints;

    @Option(
            names = "--timeout",
            defaultValue = "90s",
            paramLabel = "DURATION",
            description =
                    "How long to wait for all answers, e.g. 30s, 2m. Default: ${DEFAULT-VALUE}")
    String timeout;

    /** Where api_key_env names are looked up; the process environment outside tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration wait;
        try {
            wait = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            err.println("vlm-eval probe: --timeout: " + e.getMessage());
            return VlmEval.EXIT_USAGE;
        }
        List<ProbeRow> rows;
        try {
            EndpointsConfig config = EndpointsConfigLoader.load(endpoints);
            rows = Probe.run(config, environment, wait);
        } catch (ConfigException e) {
            err.println("vlm-eval probe: " + e.getMessage());
            return EXIT_CONFIG;
        }
        out.print(Probe.format(rows));
        out.flush();
        return rows.stream().allMatch(ProbeRow::ok) ? 0 : 1;
    }
}
