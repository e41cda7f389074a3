package io.mysync.reader.capture;

import static io.mysync.reader.capture.CaptureFixture.UUID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import io.mysync.common.position.Position;
import io.mysync.common.sql.ServerFlavor;
import org.junit.jupiter.api.Test;

/** Transaction boundaries and GTIDs, fed synthetic binlog events as the handler passes them on. */
class TransactionBoundariesTest {

    private final SyntheticBinlog binlog = new SyntheticBinlog();

    private static TransactionBoundaries mysql(String file, String gtids) {
        return new TransactionBoundaries(CaptureFixture.server(ServerFlavor.MYSQL), new Position(file, 4, gtids, 1,
                UUID));
    }

    @Test
    void aMysqlGtidNamesTheTransactionAndCountsAsExecutedOnceItEnds() {
        TransactionBoundaries transaction = mysql("binlog.000007", UUID + ":1-4");
        Event gtid = binlog.gtid(UUID + ":5");
        transaction.gtid(gtid.getHeader(), (GtidEventData) gtid.getData());

        assertThat(transaction.idUtf8().toStringUtf8()).isEqualTo(UUID + ":5");
        assertThat(transaction.gtidUtf8().toStringUtf8()).isEqualTo(UUID + ":5");
        assertThat(transaction.commitTimeMs()).isEqualTo(SyntheticBinlog.TIMESTAMP);
        assertThat(transaction.open()).as("a MySQL GTID is followed by BEGIN").isFalse();
        assertThat(transaction.at(500).gtidSet()).as("not executed before its end").isEqualTo(UUID + ":1-4");

        transaction.end();

        assertThat(transaction.at(500)).isEqualTo(new Position("binlog.000007", 500, UUID + ":1-5", 1, UUID));
    }

    @Test
    void theOriginalCommitTimeDatesAMysqlTransactionWhereTheServerRecordsIt() {
        TransactionBoundaries transaction = mysql("binlog.000007", UUID + ":1-4");
        Event gtid = binlog.gtid(UUID + ":5");
        GtidEventData withTime = new GtidEventData(MySqlGtid.fromString(UUID + ":5"), (byte) 0, 0, 0,
                1_700_000_123_456_789L, 1_700_000_123_456_789L, 0, 0, 0);

        transaction.gtid(gtid.getHeader(), withTime);

        assertThat(transaction.commitTimeMs()).isEqualTo(1_700_000_123_456L);
    }

    @Test
    void withoutGtidsATransactionIsNamedByWhereItsBeginIs() {
        TransactionBoundaries transaction = mysql("mysql-bin.000003", "");
        EventHeaderV4 begin = binlog.query("BEGIN").getHeader();
        transaction.begin(begin);

        assertThat(transaction.open()).isTrue();
        assertThat(transaction.idUtf8().toStringUtf8()).isEqualTo("mysql-bin.000003:" + begin.getPosition());
        assertThat(transaction.gtidUtf8().isEmpty()).isTrue();

        transaction.end();

        assertThat(transaction.open()).isFalse();
        assertThat(transaction.at(900).hasGtid()).isFalse();
    }

    @Test
    void aMariadbTransactionalGtidOpensTheTransactionAStandaloneOneDoesNot() {
        TransactionBoundaries transaction = new TransactionBoundaries(CaptureFixture.server(ServerFlavor.MARIADB),
                new Position("mariadb-bin.000001", 4, "0-1-9", 1, ""));
        Event dml = binlog.mariadbGtid(0, 10, 1, false);
        transaction.gtid(dml.getHeader(), (MariadbGtidEventData) dml.getData());

        assertThat(transaction.open()).isTrue();
        assertThat(transaction.idUtf8().toStringUtf8()).isEqualTo("0-1-10");
        transaction.end();

        Event ddl = binlog.mariadbGtid(0, 11, 1, true);
        transaction.gtid(ddl.getHeader(), (MariadbGtidEventData) ddl.getData());

        assertThat(transaction.open()).as("a DDL is a transaction of its own").isFalse();
        transaction.end();
        assertThat(transaction.at(700).gtidSet()).isEqualTo("0-1-11");
    }

    @Test
    void aRotateMovesLaterTransactionsAndPositionsToTheNextFile() {
        TransactionBoundaries transaction = mysql("mysql-bin.000003", "");
        transaction.rotate(((RotateEventData) binlog.rotate("mysql-bin.000004").getData()).getBinlogFilename());
        binlog.position = 4;
        Event begin = binlog.query("BEGIN");
        transaction.begin(begin.getHeader());

        assertThat(transaction.fileUtf8().toStringUtf8()).isEqualTo("mysql-bin.000004");
        assertThat(transaction.idUtf8().toStringUtf8()).isEqualTo("mysql-bin.000004:4");
        assertThat(transaction.at(200).binlogFile()).isEqualTo("mysql-bin.000004");
    }

    @Test
    void aFilesPreviousGtidsAreTakenWhileSkippingOrWhenNoneAreKnown() {
        TransactionBoundaries known = mysql("binlog.000007", UUID + ":1-4");
        known.previousGtids(UUID + ":1-2", false);
        assertThat(known.at(4).gtidSet()).as("the reader's own set wins once it reads").isEqualTo(UUID + ":1-4");
        known.previousGtids(UUID + ":1-2", true);
        assertThat(known.at(4).gtidSet()).isEqualTo(UUID + ":1-2");

        TransactionBoundaries none = mysql("binlog.000007", "");
        none.previousGtids(UUID + ":1-3", false);
        assertThat(none.at(4).gtidSet()).isEqualTo(UUID + ":1-3");
    }
}
