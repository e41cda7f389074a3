package io.mysync.writer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisErrorsTest {

    @ParameterizedTest(name = "{0} -> retry {1}")
    @CsvSource(delimiter = '|', value = {
            "MOVED 3999 127.0.0.1:6381 | true",
            "ASK 3999 127.0.0.1:6381 | true",
            "TRYAGAIN Multiple keys request during rehashing of slot | true",
            "CLUSTERDOWN The cluster is down | true",
            "READONLY You can't write against a read only replica. | true",
            "LOADING Redis is loading the dataset in memory | true",
            "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'. | true",
            "BUSY Redis is busy running a script. | true",
            "NOREPLICAS Not enough good replicas to write. | true",
            "WRONGTYPE Operation against a key holding the wrong kind of value | false",
            "ERR Error running script (call to f_1234): @user_script:12: bad argument | false",
            "OOM command not allowed when used memory > 'maxmemory'. | false",
            "CROSSSLOT Keys in request don't hash to the same slot | false",
            "READONLYISH made-up code | false"})
    void retriesWhatAFailoverOrAMovedSlotCauses(String reply, boolean retry) {
        assertThat(RedisErrors.passing(new JedisDataException(reply))).isEqualTo(retry);
    }
}
