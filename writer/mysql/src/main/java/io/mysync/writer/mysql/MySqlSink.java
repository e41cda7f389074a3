package io.mysync.writer.mysql;

import static io.mysync.writer.mysql.MySqlSettings.MYSQL_TABLE;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.SinkException;
import io.mysync.writer.api.StoreRefusedException;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.api.RowChangeSink;
import io.mysync.writer.api.mapping.MappedChange;
import io.mysync.writer.api.mapping.MappingIndex;
import io.mysync.writer.api.mapping.TemplateKey;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies rows into tables of a MySQL or MariaDB database, one transaction per batch: each row's newest change in the
 * batch as one guarded statement ({@link TableStatements}), deletes with their tombstones ({@link RowVersions}).
 * Batches that a value breaks are written again row by row, so only the rows the server refuses go to the dead
 * letters; a missing table or column is retried with the fix in the message, so nothing is lost while it is made.
 */
public final class MySqlSink extends RowChangeSink {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlSink.class);

    public static final String NAME = "mysql_table";

    /** Refusals of one row's values: NULL, duplicate, out of range, truncated, bad value, too long, foreign key, check. */
    private static final Set<Integer> VALUE_ERRORS = Set.of(1048, 1062, 1264, 1265, 1292, 1366, 1406, 1452, 3140,
            3819, 4025);

    /** Login and privilege refusals: no retry and no event fixes them. */
    private static final Set<Integer> REFUSALS = Set.of(1044, 1045, 1142, 1143, 1227, 1698);

    /** Unknown table or column: fixed by making the table as the mapping needs it, then retried. */
    private static final Set<Integer> SHAPE_ERRORS = Set.of(1146, 1054);

    /** What one mapping needs: its table template. */
    record Target(MySqlMapping mapping, TemplateKey table) {
    }

    static MappingIndex<Target> targets(List<MappingConfig> mappings) {
        return new MappingIndex<>(mappings.stream().filter(m -> m.options(MYSQL_TABLE).isPresent())
                .map(m -> new MappingIndex.Entry<>(m, new Target(m.options(MYSQL_TABLE).get(),
                        new TemplateKey(m.options(MYSQL_TABLE).get().table()))))
                .toList());
    }

    private final MySqlSinkConfig config;
    private final MappingIndex<Target> targets;
    private final RowVersions versions;
    private Connection connection;

    MySqlSink(MySqlSinkConfig config, List<MappingConfig> mappings) {
        super(NAME);
        this.config = config;
        this.targets = targets(mappings);
        this.versions = new RowVersions(config.versionsTable());
    }

    @Override
    public void checkConnection() throws SinkException {
        try {
            connection();
        } catch (SQLException e) {
            throw failure("connect to " + config.describe(), e);
        }
    }

    /** Creates the versions table, so the first batch does not wait for it. */
    @Override
    public void prepare() throws SinkException {
        try {
            versions.create(connection());
            connection.commit();
        } catch (SQLException e) {
            throw failure("create " + versions.table() + " in " + config.describe(), e);
        }
    }

    @Override
    protected void applyRows(List<ChangeEvent> batch) throws SinkException {
        List<RejectedEventsException.Rejection> rejected = new ArrayList<>();
        List<RowWrite> writes = newestPerRow(batch, rejected);
        try {
            write(writes);
        } catch (SQLException e) {
            rollback();
            if (!VALUE_ERRORS.contains(e.getErrorCode())) {
                throw failure("write a batch to " + config.describe(), e);
            }
            for (RowWrite write : writes) {
                try {
                    write(List.of(write));
                } catch (SQLException refused) {
                    rollback();
                    if (!VALUE_ERRORS.contains(refused.getErrorCode())) {
                        throw failure("write a row to " + config.describe(), refused);
                    }
                    rejected.add(new RejectedEventsException.Rejection(write.change().event(),
                            "SQL error " + refused.getErrorCode(), refused.getMessage()));
                }
            }
        }
        if (!rejected.isEmpty()) {
            throw new RejectedEventsException(rejected);
        }
    }

    /** Each row's newest change in the batch: the table shows a row's last state, so the others are spent. */
    private List<RowWrite> newestPerRow(List<ChangeEvent> batch, List<RejectedEventsException.Rejection> rejected) {
        Map<String, Map<ByteBuffer, RowWrite>> newest = new LinkedHashMap<>();
        for (ChangeEvent event : batch) {
            Optional<MappingIndex.Routed<Target>> routed = targets.route(event);
            if (routed.isEmpty()) {
                continue;
            }
            MappedChange change = routed.get().change();
            try {
                String table = routed.get().prepared().table().resolve(event, change.keyImage());
                RowWrite write = RowWrite.of(change, routed.get().mapping(), table);
                newest.computeIfAbsent(table, t -> new LinkedHashMap<>())
                        .merge(ByteBuffer.wrap(write.rowId()), write, (a, b) -> b.seq() > a.seq() ? b : a);
            } catch (PoisonEventException e) {
                rejected.add(new RejectedEventsException.Rejection(event, "mapping", e.getMessage()));
            }
        }
        return newest.values().stream().flatMap(rows -> rows.values().stream()).toList();
    }

    /** One transaction: the rows' statements, grouped so that each kind of statement is sent as one batch. */
    private void write(List<RowWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        Connection c = connection();
        Map<String, PreparedStatement> statements = new LinkedHashMap<>();
        List<RowWrite> deletes = new ArrayList<>();
        try {
            for (RowWrite write : writes) {
                if (write.change().delete()) {
                    PreparedStatement delete = statement(c, statements,
                            TableStatements.delete(write.table(), write.keyColumns()));
                    int i = 1;
                    for (var value : write.keyValues()) {
                        SqlValues.bind(delete, i++, value);
                    }
                    delete.setLong(i, write.seq());
                    delete.addBatch();
                    deletes.add(write);
                } else {
                    List<MappedChange.Field> fields = write.change().fields();
                    PreparedStatement upsert = statement(c, statements, TableStatements.upsert(write.table(),
                            fields.stream().map(MappedChange.Field::name).toList(), versions.table()));
                    int i = 1;
                    for (MappedChange.Field field : fields) {
                        SqlValues.bind(upsert, i++, field.value());
                    }
                    upsert.setLong(i++, write.seq());
                    upsert.setString(i++, write.table());
                    upsert.setBytes(i++, write.rowId());
                    upsert.setLong(i, write.seq());
                    upsert.addBatch();
                }
            }
            for (PreparedStatement statement : statements.values()) {
                statement.executeBatch();
            }
            versions.deleted(c, deletes);
            c.commit();
        } finally {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
        }
    }

    private static PreparedStatement statement(Connection c, Map<String, PreparedStatement> statements, String sql)
            throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = c.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Removes the rows older than the TRUNCATE and marks the table, in one transaction. */
    @Override
    protected void truncate(ChangeEvent event) throws SinkException {
        Optional<MappingIndex.Entry<Target>> entry = targets.of(event.getDatabase(), event.getTable());
        if (entry.isEmpty()) {
            return;
        }
        TemplateKey template = entry.get().prepared().table();
        String name = event.getDatabase() + "." + event.getTable();
        if (template.usesColumns()) {
            throw new PoisonEventException(event, "cannot remove the rows of " + name + " after '"
                    + event.getStatement() + "': its table template " + template.template() + " takes column "
                    + "values, so the tables holding its rows are not known. Delete them by hand, or set "
                    + "on_truncate/on_drop: ignore", null);
        }
        String table = template.scope(event.getDatabase(), event.getTable(), t -> t, "");
        try {
            Connection c = connection();
            int removed;
            try (PreparedStatement delete = c.prepareStatement(TableStatements.truncate(table))) {
                delete.setLong(1, event.getSeq());
                removed = delete.executeUpdate();
            }
            versions.truncated(c, table, event.getSeq());
            c.commit();
            LOG.info("{} at seq {}: removed {} rows of {} older than that seq (newer rows kept)", name,
                    event.getSeq(), removed, table);
        } catch (SQLException e) {
            rollback();
            throw failure("remove the rows of " + table + " after " + name + " was emptied", e);
        }
    }

    /** The connection, opened (again) when there is none or the last one broke. */
    private Connection connection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return connection;
        }
        connection = config.open();
        connection.setAutoCommit(false);
        return connection;
    }

    private void rollback() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            close(); // the next batch opens a new connection
        }
    }

    /**
     * What the writer does with a failure: stop at a refusal ({@link StoreRefusedException}, thrown), otherwise back
     * off and retry the same batch (returned).
     */
    private RetriableSinkException failure(String what, SQLException e) {
        String message = "could not " + what + ": " + e.getMessage() + " (SQL error " + e.getErrorCode() + ")";
        if (REFUSALS.contains(e.getErrorCode())) {
            throw new StoreRefusedException(message + ". Grant the user of sinks.mysql_table.url SELECT, INSERT, "
                    + "UPDATE, DELETE and CREATE on the database", e);
        }
        if (SHAPE_ERRORS.contains(e.getErrorCode())) {
            return new RetriableSinkException(message + ". Each mapped table needs the mapped columns, the same "
                    + "primary key and a column " + TableStatements.SEQ + " BIGINT NOT NULL DEFAULT 0 (ALTER TABLE "
                    + "... ADD COLUMN " + TableStatements.SEQ + " BIGINT NOT NULL DEFAULT 0); the writer retries "
                    + "the batch until it is there", e);
        }
        close(); // the next attempt starts on a fresh connection, whatever state this one is in
        return new RetriableSinkException(message, e);
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing anyway; uncommitted work was never acknowledged
            }
            connection = null;
        }
    }
}
