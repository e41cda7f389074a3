package io.mysync.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code mysync <command> --config FILE} in a JVM of its own, so a test can kill it with SIGKILL. */
final class MySyncProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private MySyncProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static MySyncProcess start(Path config, Path log, String... command) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.mysync.cli.Main"));
        args.addAll(List.of(command));
        args.addAll(List.of("--config", config.toString()));
        Process process = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new MySyncProcess(process, log);
    }

    /** What a command that ran to its end printed (stdout and stderr) and its exit code. */
    record Finished(int exitCode, String output) {
    }

    /** Runs {@code mysync <command> --config FILE} to its end (at most two minutes). */
    static Finished run(Path config, Path log, String... command) throws Exception {
        Files.deleteIfExists(log);
        try (MySyncProcess p = start(config, log, command)) {
            if (!p.process.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("mysync " + String.join(" ", command) + " did not finish in 2 minutes; "
                        + "its output ends:\n" + String.join("\n", Files.readAllLines(log).stream()
                        .skip(Math.max(0, Files.readAllLines(log).size() - 30)).toList()));
            }
            return new Finished(p.process.exitValue(), Files.readString(log));
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Sends a signal by this process's own PID ({@code STOP}, {@code CONT}). */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Whether the process has logged {@code text} so far. */
    boolean logged(String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether this reader process has become its source's leader. */
    boolean leads() {
        return logged("Leading source");
    }

    long pid() {
        return process.pid();
    }

    /** The port of this process's metrics endpoint, once it has logged it. */
    int metricsPort() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Metrics on http://[^:]+:(\\d+)/metrics")
                .matcher(logged());
        if (!m.find()) {
            throw new IllegalStateException("the process has not logged its metrics port yet");
        }
        return Integer.parseInt(m.group(1));
    }

    private String logged() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill9();
        }
    }
}
