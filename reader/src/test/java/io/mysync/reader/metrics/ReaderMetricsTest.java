package io.mysync.reader.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysync.common.position.Position;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReaderMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    private final ReaderMetrics metrics = new ReaderMetrics(new SimpleMeterRegistry(), "shop",
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void sourceLagIsTheAgeOfTheLastTransactionReadUntilAHeartbeatSaysTheBinlogEndIsReached() {
        metrics.leading(true);
        metrics.connected(true);
        assertThat(metrics.sourceLagSeconds()).isNaN();
        metrics.transactionRead(position("0-1-42"), 10, NOW.minusMillis(2_500).toEpochMilli(), 3);
        assertThat(metrics.sourceLagSeconds()).isEqualTo(2.5);
        metrics.caughtUp();
        assertThat(metrics.sourceLagSeconds()).isZero();
        metrics.connected(false);
        assertThat(metrics.sourceLagSeconds()).as("disconnected: the lag grows again").isEqualTo(2.5);
        metrics.leading(false);
        assertThat(metrics.sourceLagSeconds()).as("a standby has no lag of its own").isNaN();
    }

    @Test
    void countsTheTransactionsOfMySqlAndMariaDbGtidSets() {
        assertThat(BinlogNumbers.transactions(position("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7,"
                + "4E11FA47-71CA-11E1-9E33-C80AA9429562:1-3"))).isEqualTo(9);
        assertThat(BinlogNumbers.transactions(position("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7:tag_a:1-2,"
                + "4E11FA47-71CA-11E1-9E33-C80AA9429562:1-3"))).as("tagged GTIDs of MySQL 8.3+ count too").isEqualTo(11);
        assertThat(BinlogNumbers.transactions(position("0-1-42,1-2-7"))).isEqualTo(49);
        assertThat(BinlogNumbers.transactions(position(""))).isZero();
        assertThat(BinlogNumbers.transactions(position("garbage:x-y"))).isNaN();
        assertThat(BinlogNumbers.fileNumber(position(""))).isEqualTo(42);
    }

    private static Position position(String gtids) {
        return new Position("mysql-bin.000042", 4, gtids, 1, "");
    }
}
