package io.mysync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code mysync --version}: the version, commit and build time the build wrote into {@code mysync-build.properties}. */
public final class BuildVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties build = read();
        return new String[] {
            "MySync " + build.getProperty("version", "unknown"),
            "commit " + build.getProperty("commit", "unknown") + ", built " + build.getProperty("time", "unknown"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"
        };
    }

    /** The version alone, for logs and metrics. */
    public static String version() {
        return read().getProperty("version", "unknown");
    }

    private static Properties read() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/mysync-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
