package io.mysync.dump;

import com.google.protobuf.ByteString;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.RowKey;
import io.mysync.events.v1.SourcePosition;
import io.mysync.common.position.Position;
import io.mysync.common.sql.KeyRanges;
import io.mysync.common.sql.RowConverter;
import io.mysync.common.sql.TableShape;
import io.mysync.dump.plan.Chunk;
import io.mysync.dump.snapshot.SnapshotSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/** Reads chunks inside one snapshot and sends their rows. */
final class ChunkWorker {

    private final SnapshotSession session;
    private final SnapshotPublisher publisher;
    private final Throttle throttle;
    private final BlockingQueue<ChunkDelivery.Delivered> delivered;
    private final ChangeEvent.Builder template;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    ChunkWorker(SnapshotSession session, String sourceId, long seq, SnapshotPublisher publisher, Throttle throttle,
                BlockingQueue<ChunkDelivery.Delivered> delivered) {
        this.session = session;
        this.publisher = publisher;
        this.throttle = throttle;
        this.delivered = delivered;
        Position p = session.position();
        // strings set as bytes once here are copied into every event without encoding them again
        this.template = ChangeEvent.newBuilder().setSourceIdBytes(ByteString.copyFromUtf8(sourceId)).setSeq(seq)
                .setOp(Op.SNAPSHOT)
                .setPosition(SourcePosition.newBuilder().setGtid("").setBinlogFile(p.binlogFile())
                        .setBinlogPosition(p.binlogPosition()).setServerId(p.serverId()))
                .setCommitTimeMs(session.takenAtMs())
                .setTransactionIdBytes(ByteString.copyFromUtf8("snapshot:" + p.binlogFile() + ":"
                        + p.binlogPosition()))
                .setLastInTransaction(true);
    }

    void read(TableShape table, Chunk chunk) throws SQLException {
        RowConverter rows = new RowConverter(table.columns());
        KeyRanges ranges = new KeyRanges(table);
        String shape = (chunk.lower() == null ? "-" : "L") + (chunk.upper() == null ? "-" : "U");
        PreparedStatement st = statements.computeIfAbsent(table.name() + shape, k -> prepare(table, chunk,
                rows, ranges));
        int p = 1;
        if (chunk.lower() != null) {
            p = ranges.bind(st, p, chunk.lower());
        }
        if (chunk.upper() != null) {
            ranges.bind(st, p, chunk.upper());
        }
        ChangeEvent.Builder base = template.clone().setDatabaseBytes(ByteString.copyFromUtf8(table.database()))
                .setTableBytes(ByteString.copyFromUtf8(table.table())).setSchemaVersion(table.schemaVersion());
        table.primaryKeyNames().forEach(name -> base.addPrimaryKeyBytes(ByteString.copyFromUtf8(name)));
        RowKey keyBase = RowKey.newBuilder().setDatabase(table.database()).setTable(table.table()).build();
        String topic = publisher.topicOf(table.database(), table.table());
        ChunkDelivery delivery = new ChunkDelivery(chunk, delivered);
        long n = 0;
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (++n % 1_000 == 0) {
                    throttle.acquire(1_000);
                }
                Row row = rows.row(rs);
                publisher.send(topic, recordKey(keyBase, table.primaryKey(), row), base.clone().setAfter(row).build(),
                        delivery);
            }
        }
        throttle.acquire(n % 1_000);
        delivery.sealed();
    }

    private PreparedStatement prepare(TableShape table, Chunk chunk, RowConverter rows, KeyRanges ranges) {
        StringBuilder sql = new StringBuilder("SELECT ").append(rows.selectList()).append(" FROM ")
                .append(table.quotedName());
        List<String> where = new ArrayList<>();
        if (chunk.lower() != null) {
            where.add(ranges.condition(true));
        }
        if (chunk.upper() != null) {
            where.add(ranges.condition(false));
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        try {
            return session.connection().prepareStatement(sql.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the chunk query of " + table.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The stream's record key ({@code RowKeys.bytesOf}) of a row, found by the key columns' positions rather than
     * their names.
     */
    static byte[] recordKey(RowKey base, List<Integer> primaryKey, Row row) {
        RowKey.Builder key = base.toBuilder();
        if (primaryKey.isEmpty()) {
            row.getColumnsList().forEach(c -> key.addPrimaryKey(c.getValue()));
        } else {
            primaryKey.forEach(i -> key.addPrimaryKey(row.getColumns(i).getValue()));
        }
        return key.build().toByteArray();
    }
}
