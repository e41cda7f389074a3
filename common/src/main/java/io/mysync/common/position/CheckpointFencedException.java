package io.mysync.common.position;

/**
 * Another reader wrote the checkpoint since this one took it over: this reader has been deposed and must stop
 * publishing. Thrown by stores that can tell (a compare-and-set on the stored version).
 */
public final class CheckpointFencedException extends RuntimeException {

    public CheckpointFencedException(String message) {
        super(message);
    }
}
