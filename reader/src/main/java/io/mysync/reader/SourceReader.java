package io.mysync.reader;

import io.mysync.common.lifecycle.Service;

/** A running reader of one source: alone ({@link ReaderService}) or elected among several. */
public interface SourceReader extends Runnable, Service {
}
