package io.mysync.writer.api;

import io.mysync.common.error.RefusedException;

/**
 * The store refused the writer's login or denied it a key or index (credentials, ACLs, certificates): no retry
 * fixes that and no event is to blame, so the writer stops with this one line instead of retrying or dead-lettering.
 */
public final class StoreRefusedException extends RefusedException {

    public StoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
