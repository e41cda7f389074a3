package io.mysync.dump;

/** The dump will not start (or resume), with the reason and the fix; nothing was sent. */
public final class DumpRefusedException extends RuntimeException {

    private final String fix;

    public DumpRefusedException(String reason, String fix) {
        super(reason + ". Fix: " + fix);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
