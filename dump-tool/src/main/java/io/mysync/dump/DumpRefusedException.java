package io.mysync.dump;

import io.mysync.common.error.RefusedException;

/** The dump will not start (or resume), with the reason and the fix; nothing was sent. */
public final class DumpRefusedException extends RefusedException {

    private final String fix;

    public DumpRefusedException(String reason, String fix) {
        super(reason + ". Fix: " + fix);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
