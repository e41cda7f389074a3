package io.mysync.sandbox;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the shared sandbox (once per test JVM) before a test class that talks to real servers. */
public final class SandboxExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Sandbox.shared();
    }
}
