package io.mysync.common.error;

/**
 * A command was asked for something its options or its configuration cannot give (a sink the build or the file does
 * not have, a table nothing captures, a percentage above 100): the message names the option and the fix, and the
 * process exits with 2, like an invalid configuration, so a supervisor does not restart it.
 */
public class UsageException extends IllegalArgumentException {

    public UsageException(String message) {
        super(message);
    }
}
