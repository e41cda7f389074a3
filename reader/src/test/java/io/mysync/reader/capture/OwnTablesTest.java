package io.mysync.reader.capture;

import static io.mysync.reader.capture.CaptureFixture.CONFIG;
import static io.mysync.reader.capture.SyntheticBinlog.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.Row;
import io.mysync.common.position.Anchor;
import io.mysync.common.sql.TableShape;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.schema.TableSchema;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.common.sql.ServerFlavor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MySync's own tables (failover markers, backfill signals), fed rows of synthetic binlog events. */
class OwnTablesTest {

    private final SyntheticBinlog binlog = new SyntheticBinlog();
    private final TableSchemaFactory schemas = CaptureFixture.schemas(CaptureFixture.server(ServerFlavor.MYSQL));
    private final Backfills backfills = new Backfills(CONFIG, "");
    private final TableMaps maps = new TableMaps(schemas, CaptureFixture.schemaChanges(schemas, backfills));
    private final List<Row> snapshots = new ArrayList<>();

    /** {@code __mysync.anchor} as the binlog maps it: the marker first (a number), then the source's id. */
    private TableSchema anchorTable() {
        maps.define(binlog.tableMap(7, "__mysync", "anchor", List.of("marker", "source_id")).getData(), true);
        return maps.schema(7);
    }

    private void snapshot(TableShape table, Row row) {
        snapshots.add(row);
    }

    @Test
    void thisSourcesMarkerCountsOnceItsTransactionEndsWithTheSeqOfTheRowAfterIt() {
        OwnTables own = new OwnTables("shop", backfills, schemas, maps, null);
        TableSchema anchor = anchorTable();

        assertThat(OwnTables.isOwn(anchor)).isTrue();
        own.row(anchor, row(77, "shop"), this::snapshot);
        assertThat(own.lastAnchor()).as("not before its transaction ends").isNull();

        own.endTransaction(51);

        assertThat(own.lastAnchor()).isEqualTo(new Anchor(77, 51));
    }

    @Test
    void anotherSourcesMarkerIsNotThisReadersAndATransactionWithoutMarkerKeepsTheLastOne() {
        OwnTables own = new OwnTables("shop", backfills, schemas, maps, new Anchor(5, 10));

        own.row(anchorTable(), row(78, "billing"), this::snapshot);
        own.endTransaction(20);
        own.endTransaction(30);

        assertThat(own.lastAnchor()).isEqualTo(new Anchor(5, 10));
    }

    @Test
    void aSignalToAnotherSourceLeavesThisSourcesBackfillAlone() {
        OwnTables own = new OwnTables("shop", backfills, schemas, maps, null);
        maps.define(binlog.tableMap(8, "__mysync", "signal", List.of("id", "source_id", "kind", "table_name",
                "value")).getData(), true);

        own.row(maps.schema(8), row(1, "billing", "backfill", "shop.orders", "r1"), this::snapshot);

        assertThat(backfills.progressText()).isEmpty();
        assertThat(snapshots).isEmpty();
    }

    @Test
    void onlyRowsOfTheMysyncDatabaseAreOwn() {
        maps.define(binlog.tableMap(42, "shop", "orders", List.of("id", "state")).getData(), true);

        assertThat(OwnTables.isOwn(maps.schema(42))).isFalse();
        assertThat(OwnTables.isOwn(null)).isFalse();
    }
}
