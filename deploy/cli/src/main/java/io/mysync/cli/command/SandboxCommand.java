package io.mysync.cli.command;

import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.SandboxLayout;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mysync sandbox start|stop|status}. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Start, stop or show the local servers (MariaDB, MySQL 8, Kafka, ZooKeeper, Redis) on ports of "
                + "their own under the run directory ($MYSYNC_RUN_DIR, default ./run).")
public final class SandboxCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ACTION", description = "start, stop or status")
    String action;

    @Override
    public Integer call() throws Exception {
        Sandbox sandbox = new Sandbox(SandboxLayout.detect());
        switch (action) {
            case "start" -> {
                System.out.println("Starting the sandbox in " + sandbox.layout().runDir());
                sandbox.start(System.out);
                return 0;
            }
            case "stop" -> {
                sandbox.stop(System.out);
                return 0;
            }
            case "status" -> {
                return sandbox.status(System.out) ? 0 : 1;
            }
            default -> {
                System.err.println("unknown action '" + action + "'; use start, stop or status");
                return 2;
            }
        }
    }
}
