package org.vlmeval.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VlmEval.class.getPackage().getImplementationVersion();
        return new String[] {"vlm-eval " + (v == null ? "development" : v)};
    }
}
