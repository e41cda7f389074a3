package io.mysync.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A server run as a child process in a session of its own ({@code setsid}), with its data and log under the run
 * directory and its PID recorded there. Start is idempotent; stop signals the recorded PID only.
 */
public abstract class ProcessServer implements SandboxServer {

    private final String name;
    private final int port;
    protected final SandboxLayout layout;

    protected ProcessServer(String name, int port, SandboxLayout layout) {
        this.name = name;
        this.port = port;
        this.layout = layout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    protected Path dir() {
        return layout.dataOf(name);
    }

    /** The directory holding this server's data, log and PID file. */
    public Path dataDir() {
        return dir();
    }

    protected Path pidFile() {
        return dir().resolve(name + ".pid");
    }

    public Path logFile() {
        return dir().resolve(name + ".log");
    }

    /** Creates data directories, config files, initial databases: whatever the first start needs. */
    protected abstract void prepare() throws Exception;

    protected abstract List<String> command() throws Exception;

    /** Whether the server answers its protocol (not just that the port is open). */
    protected abstract boolean answers();

    /** Runs once the server answers, e.g. to create users. Must be idempotent. */
    protected void afterStart() throws Exception {
    }

    /** Variables the server and its helper commands need beside the sandbox's own environment. */
    protected java.util.Map<String, String> environment() throws Exception {
        return java.util.Map.of();
    }

    protected Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    public Optional<ProcessHandle> process() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean running() {
        return process().isPresent() && answers();
    }

    @Override
    public synchronized void start() throws Exception {
        if (process().isPresent()) {
            waitUntilAnswering(process().get());
            afterStart();
            return;
        }
        if (PortCheck.inUse(port)) {
            throw new IllegalStateException("port " + port + " for the sandbox's " + name + " is taken by a process "
                    + "the sandbox did not start; stop that process or choose another port with "
                    + Sandbox.portVariable(name) + "=PORT");
        }
        Files.createDirectories(dir());
        prepare();
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment());
        Process process = builder.start();
        Files.writeString(pidFile(), Long.toString(process.pid()));
        waitUntilAnswering(process.toHandle());
        afterStart();
    }

    private void waitUntilAnswering(ProcessHandle process) throws Exception {
        long deadline = System.nanoTime() + startTimeout().toNanos();
        while (!answers()) {
            if (!process.isAlive()) {
                Files.deleteIfExists(pidFile());
                throw new IllegalStateException(name + " exited during start; last lines of " + logFile() + ":\n"
                        + tail(logFile(), 15));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                Files.deleteIfExists(pidFile());
                throw new IllegalStateException(name + " did not answer on port " + port + " within "
                        + startTimeout().toSeconds() + " s; see " + logFile() + ":\n" + tail(logFile(), 15));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public synchronized void stop() throws Exception {
        Optional<ProcessHandle> process = process();
        if (process.isPresent()) {
            ProcessHandle handle = process.get();
            handle.destroy();
            try {
                handle.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
                handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(pidFile());
    }

    /** Kills the server with SIGKILL: for tests of crash recovery. */
    public void kill() throws Exception {
        Optional<ProcessHandle> process = process();
        if (process.isPresent()) {
            process.get().destroyForcibly();
            process.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        Files.deleteIfExists(pidFile());
    }

    protected static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    protected static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a helper command to completion, its output appended to this server's log. */
    protected void runTool(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        builder.environment().putAll(environment());
        Process p = builder.start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "); see "
                    + logFile() + ":\n" + tail(logFile(), 15));
        }
    }
}
