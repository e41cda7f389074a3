package io.mysync.writer.mysql;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.api.RowVerifier;
import io.mysync.writer.api.mapping.MappedChange;
import io.mysync.writer.api.mapping.MappingIndex;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads each row back by its key and lets the server compare every column with the value the sink binds for it
 * ({@code column <=> ?}), so the comparison follows the column's own type: a row holds exactly its mapped fields, a
 * deleted row is gone.
 */
final class MySqlRowVerifier implements RowVerifier {

    private final MappingIndex<MySqlSink.Target> targets;
    private final Connection connection;

    MySqlRowVerifier(MySqlSinkConfig config, List<MappingConfig> mappings) {
        this.targets = MySqlSink.targets(mappings);
        try {
            this.connection = config.open();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + config.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean maps(String database, String table) {
        return targets.of(database, table).isPresent();
    }

    @Override
    public String locationOf(ChangeEvent row) {
        return locate(row).map(w -> w.table() + " where " + where(w.keyColumns())).orElse("(not mapped)");
    }

    @Override
    public List<String> differences(List<ChangeEvent> rows) {
        List<String> differences = new ArrayList<>(rows.size());
        for (ChangeEvent row : rows) {
            differences.add(locate(row).map(this::difference).orElse(null));
        }
        return differences;
    }

    private Optional<RowWrite> locate(ChangeEvent row) {
        return targets.route(row).map(routed -> {
            try {
                MappedChange change = routed.change();
                return RowWrite.of(change, routed.mapping(),
                        routed.prepared().table().resolve(row, change.keyImage()));
            } catch (PoisonEventException e) {
                throw new IllegalArgumentException("the sink cannot write " + row.getDatabase() + "."
                        + row.getTable() + " either: " + e.getMessage(), e);
            }
        });
    }

    private String difference(RowWrite row) {
        List<MappedChange.Field> fields = row.change().delete() ? List.of() : row.change().fields();
        String select = fields.isEmpty() ? "1" : fields.stream()
                .map(f -> TableStatements.quote(f.name()) + " <=> ?").collect(Collectors.joining(", "));
        String sql = "SELECT " + select + " FROM " + TableStatements.quote(row.table()) + " WHERE "
                + where(row.keyColumns());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (MappedChange.Field field : fields) {
                SqlValues.bind(statement, i++, field.value());
            }
            for (var value : row.keyValues()) {
                SqlValues.bind(statement, i++, value);
            }
            try (ResultSet found = statement.executeQuery()) {
                if (row.change().delete()) {
                    return found.next() ? "the row is gone from the source but still in " + row.table() : null;
                }
                if (!found.next()) {
                    return "missing in " + row.table();
                }
                List<String> differ = new ArrayList<>();
                for (int column = 1; column <= fields.size(); column++) {
                    if (!found.getBoolean(column)) {
                        differ.add(fields.get(column - 1).name());
                    }
                }
                return differ.isEmpty() ? null : "differs in " + String.join(", ", differ);
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new java.io.IOException("cannot read " + row.table() + ": "
                    + e.getMessage(), e));
        }
    }

    private static String where(List<String> keyColumns) {
        return keyColumns.stream().map(c -> TableStatements.quote(c) + " = ?").collect(Collectors.joining(" AND "));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
