package io.mysync.cli;

import io.mysync.config.load.ConfigException;
import io.mysync.dump.DumpRefusedException;
import io.mysync.common.sql.UnchunkableTableException;
import io.mysync.reader.source.SourceRefusedException;
import picocli.CommandLine;

/** Prints what went wrong and how to fix it; a stack trace only with {@code MYSYNC_DEBUG=1}. */
final class ErrorReport implements CommandLine.IExecutionExceptionHandler {

    static final int CONFIG_ERROR = 2;
    static final int REFUSED = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigException) {
            System.err.println(e.getMessage());
            return CONFIG_ERROR;
        }
        if (e instanceof SourceRefusedException || e instanceof DumpRefusedException
                || e instanceof UnchunkableTableException) {
            System.err.println(e.getMessage());
            return REFUSED;
        }
        System.err.println("mysync " + cmd.getCommandName() + " failed: " + e.getMessage());
        if (System.getenv("MYSYNC_DEBUG") != null) {
            e.printStackTrace();
        } else {
            System.err.println("(set MYSYNC_DEBUG=1 for the stack trace)");
        }
        return 1;
    }
}
