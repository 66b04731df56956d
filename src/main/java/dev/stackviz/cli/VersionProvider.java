package dev.stackviz.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (Implementation-Version, written by the Maven build). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"stackviz " + (version == null ? "(unknown: not run from the jar)" : version)};
    }
}
