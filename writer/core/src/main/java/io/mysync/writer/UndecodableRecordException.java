package io.mysync.writer;

import io.mysync.common.error.RefusedException;

/** A record on a captured topic is no ChangeEvent and {@code writer.on_undecodable} is {@code fail}. */
final class UndecodableRecordException extends RefusedException {

    UndecodableRecordException(String message) {
        super(message);
    }
}
