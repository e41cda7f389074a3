package io.mysync.config.model;

/** What a writer does with a record of a captured topic that is no MySync ChangeEvent. */
public enum UndecodablePolicy {
    /** Keep it, as it came, in the dead-letter topic with the reason, and move on. */
    DEAD_LETTER,
    /** Stop the writer at it with one line. */
    FAIL
}
