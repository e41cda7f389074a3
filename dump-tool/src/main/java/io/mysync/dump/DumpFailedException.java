package io.mysync.dump;

import java.nio.file.Path;

/** A dump stopped part-way; the chunks it recorded as done stay done, and a re-run resumes after them. */
public final class DumpFailedException extends RuntimeException {

    public DumpFailedException(Exception cause, int done, int todo, Path plan) {
        super("the dump stopped after " + done + " of " + todo + " chunks: " + cause.getMessage() + ". Nothing is "
                + "lost: finished chunks are recorded in " + plan.getParent() + "; fix the cause and run the same "
                + "command again to resume", cause);
    }
}
