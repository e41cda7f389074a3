package io.mysync.sandbox;

/** One real server the sandbox runs. Adding a server is one class implementing this (or {@link ProcessServer}). */
public interface SandboxServer {

    String name();

    /** Main port on 127.0.0.1. */
    int port();

    /** Starts the server unless it already runs; returns once it answers. */
    void start() throws Exception;

    void stop() throws Exception;

    /** Whether a process started by the sandbox runs and answers. */
    boolean running();

    /** How clients reach it, e.g. {@code 127.0.0.1:23306}. */
    String endpoint();
}
