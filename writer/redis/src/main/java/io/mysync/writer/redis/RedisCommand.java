package io.mysync.writer.redis;

import java.util.List;

/** One call of the apply script: the two keys and its arguments, all as bytes. */
record RedisCommand(List<byte[]> keys, List<byte[]> args) {
}
