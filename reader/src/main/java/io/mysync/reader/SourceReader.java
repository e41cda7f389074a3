package io.mysync.reader;

/** A running reader of one source: alone ({@link ReaderService}) or elected among several. */
public interface SourceReader extends Runnable, AutoCloseable {

    /** The error that stopped the reader for good, if one did. */
    RuntimeException fatal();

    @Override
    void close();
}
