package io.mysync.reader.capture;

import io.mysync.common.position.Anchor;
import io.mysync.common.sql.SignalTable;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.failover.AnchorRows;
import io.mysync.reader.schema.TableSchema;
import io.mysync.reader.schema.TableSchemaFactory;
import java.io.Serializable;
import java.util.Map;

/**
 * Rows of MySync's own tables in {@code __mysync}: this source's failover markers, which count once their
 * transaction ends, and signals to this source's backfill. Rows of other sources are ignored.
 */
final class OwnTables {

    private final String sourceId;
    private final Backfills backfills;
    private final TableSchemaFactory schemas;
    private final TableMaps tableMaps;
    private Anchor lastAnchor;
    private Long markerInTransaction;

    /** @param lastAnchor the last failover marker before the start, or null */
    OwnTables(String sourceId, Backfills backfills, TableSchemaFactory schemas, TableMaps tableMaps,
              Anchor lastAnchor) {
        this.sourceId = sourceId;
        this.backfills = backfills;
        this.schemas = schemas;
        this.tableMaps = tableMaps;
        this.lastAnchor = lastAnchor;
    }

    /** Whether rows of {@code table} are MySync's own (the cheap test every row event passes). */
    static boolean isOwn(TableSchema table) {
        return table != null && AnchorRows.DATABASE.equals(table.database());
    }

    /**
     * A row written to one of MySync's tables: a failover marker of this source is noted for the transaction's end;
     * a signal to this source's backfill is passed on, and when it changes which tables are captured, every known
     * table's schema is made again. A backfill emits its rows through {@code snapshots}.
     */
    void row(TableSchema table, Serializable[] after, Backfills.Emitter snapshots) {
        if (AnchorRows.isAnchorTable(table.database(), table.table())) {
            AnchorRows.marker(table, after, sourceId).ifPresent(m -> markerInTransaction = m);
        } else if (SignalTable.isSignalTable(table.database(), table.table())) {
            Map<String, String> row = AnchorRows.text(table, after);
            if (sourceId.equals(row.get("source_id")) && backfills.onSignal(row.getOrDefault("kind", ""),
                    row.getOrDefault("table_name", ""), row.getOrDefault("value", ""), snapshots)) {
                schemas.capture(backfills.captureFilter(schemas.captureFilter()));
                tableMaps.recreateSchemas();
            }
        }
    }

    /** The transaction ended; a marker written in it is now the last one, with the seq of the row after it. */
    void endTransaction(long nextSeq) {
        if (markerInTransaction != null) {
            lastAnchor = new Anchor(markerInTransaction, nextSeq);
            markerInTransaction = null;
        }
    }

    /** The last failover marker passed, or null. */
    Anchor lastAnchor() {
        return lastAnchor;
    }
}
