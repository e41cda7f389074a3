package io.mysync.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A command run to its end: exit code and its output (standard output and error together). */
record Shell(int code, String output) {

    /** The project root, seen from the integration-tests module where the tests run. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Shell run(Path directory, Map<String, String> env, long timeoutSeconds, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(List.of(command) + " did not end within " + timeoutSeconds + " s");
            }
            return new Shell(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + List.of(command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The unpacked product distribution the build made: deploy/dist/target/mysync-VERSION/mysync-VERSION. */
    static Path distribution() {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("deploy/dist/target"))) {
            Path outer = dirs.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("mysync-"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no deploy/dist/target/mysync-*: run "
                            + "mvn package first"));
            return outer.resolve(outer.getFileName());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
