package io.mysync.cli;

import io.mysync.common.error.RefusedException;
import io.mysync.common.error.UsageException;
import io.mysync.common.secret.Redaction;
import io.mysync.common.tls.TlsFailure;
import io.mysync.config.load.ConfigException;
import io.mysync.runtime.monitor.PortInUseException;
import picocli.CommandLine;

/** Prints what went wrong and how to fix it; a stack trace only with {@code MYSYNC_DEBUG=1}. */
final class ErrorReport implements CommandLine.IExecutionExceptionHandler {

    static final int CONFIG_ERROR = 2;
    static final int REFUSED = 3;
    static final int PORT_IN_USE = 4;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigException || e instanceof UsageException) {
            System.err.println(Redaction.redact(e.getMessage()));
            return CONFIG_ERROR;
        }
        if (e instanceof RefusedException) {
            System.err.println(Redaction.redact(e.getMessage()));
            return REFUSED;
        }
        if (e instanceof PortInUseException) {
            System.err.println(Redaction.redact("mysync " + cmd.getCommandName() + ": " + e.getMessage()));
            return PORT_IN_USE;
        }
        var tls = TlsFailure.of(e);
        if (tls.isPresent()) { // a certificate no retry can fix, met outside the reader (dump, status, dlq...)
            System.err.println(Redaction.redact("mysync " + cmd.getCommandName() + ": " + tls.get().describe(
                    "a server", "the TLS settings of that server (source.ssl.*, kafka.properties ssl.*, ...)", e)));
            return REFUSED;
        }
        System.err.println(Redaction.redact("mysync " + cmd.getCommandName() + " failed: " + e.getMessage()));
        if (System.getenv("MYSYNC_DEBUG") != null) {
            e.printStackTrace();
        } else {
            System.err.println("(set MYSYNC_DEBUG=1 for the stack trace)");
        }
        return 1;
    }
}
