package io.mysync.dev.command;

import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.SandboxLayout;

/** Runs work against the sandbox: starts it, and stops it afterwards unless asked to keep it. */
final class SandboxSession {

    /** The work to run while the sandbox is up. */
    @FunctionalInterface
    interface Work {
        int run(Sandbox sandbox) throws Exception;
    }

    private SandboxSession() {
    }

    static int run(boolean keep, Work work) throws Exception {
        Sandbox sandbox = new Sandbox(SandboxLayout.detect());
        System.out.println("Starting the sandbox in " + sandbox.layout().runDir());
        sandbox.start(System.out);
        try {
            return work.run(sandbox);
        } finally {
            if (!keep) {
                System.out.println("Stopping the sandbox (use --keep to leave it running)");
                sandbox.stop(System.out);
            }
        }
    }
}
