package io.mysync.runtime.verify;

import io.mysync.common.sql.RowConverter;
import io.mysync.common.sql.TableShape;
import io.mysync.common.sql.TableShapes;
import io.mysync.config.model.DocumentShape;
import io.mysync.config.model.TablePattern;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.RowMap;
import io.mysync.join.DocumentParts;
import io.mysync.join.JoinKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The joined document of source rows as the SQL join gives it: the children of a batch of parents read with one
 * {@code WHERE (parent_key) IN (...)} per nest and level, the referenced rows with one {@code WHERE (key) IN (...)}
 * per lookup, every row as the dump reads it, put together by the join stage's own {@link DocumentParts}. So verify
 * compares a store's document with the join of the source rows, not with what the join stage believes.
 */
final class JoinedSourceRows implements AutoCloseable {

    /** Keys per {@code IN} list. */
    private static final int KEYS_PER_QUERY = 500;

    private final Connection db;
    private final TableShapes shapes;
    private final String store;
    private final DocumentShape shape;
    private final Map<TablePattern.Named, TableShape> tables = new HashMap<>();

    /** @param db a connection of its own: the parent table is streamed on another one meanwhile */
    JoinedSourceRows(Connection db, String store, DocumentShape shape) {
        this.db = db;
        this.shapes = new TableShapes(db);
        this.store = store;
        this.shape = shape;
    }

    /** For each row (a snapshot, or a delete of a row the source no longer has), the document event it makes. */
    List<ChangeEvent> documents(List<ChangeEvent> rows) {
        List<ChangeEvent> live = rows.stream().filter(r -> r.getOp() != Op.DELETE).toList();
        Map<String, ChangeEvent> joined = new HashMap<>();
        try {
            for (ChangeEvent node : joined(live, shape)) {
                joined.put(JoinKeys.primaryKeyOf(node), node);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rows joined into " + store + " documents: "
                    + e.getMessage(), e);
        }
        List<ChangeEvent> documents = new ArrayList<>(rows.size());
        for (ChangeEvent row : rows) {
            ChangeEvent.Builder document = row.toBuilder().setJoinedFor(store);
            if (row.getOp() != Op.DELETE) {
                document.setAfter(joined.get(JoinKeys.primaryKeyOf(row)).getAfter());
            }
            documents.add(document.build());
        }
        return documents;
    }

    private List<ChangeEvent> joined(List<ChangeEvent> nodes, DocumentShape shape) throws SQLException {
        List<ChangeEvent> out = new ArrayList<>(nodes);
        for (DocumentShape.Nest nest : shape.nests()) {
            Set<List<String>> parents = new LinkedHashSet<>();
            out.forEach(node -> parents.add(JoinKeys.values(JoinKeys.primaryKeyOf(node))));
            List<ChangeEvent> children = joined(select(nest.table(), nest.parentKey(), parents), nest.shape());
            Map<String, RowMap.Builder> byParent = new HashMap<>();
            for (ChangeEvent child : children) {
                byParent.computeIfAbsent(JoinKeys.of(child.getAfter(), nest.parentKey()), k -> RowMap.newBuilder())
                        .putRows(JoinKeys.primaryKeyOf(child), DocumentParts.child(child, nest));
            }
            out = out.stream().map(node -> {
                RowMap.Builder mine = byParent.get(JoinKeys.primaryKeyOf(node));
                return DocumentParts.withColumn(node, nest.path(), DocumentParts.typeOf(nest),
                        DocumentParts.nested(mine == null ? null : mine.build(), nest.as()));
            }).toList();
        }
        for (DocumentShape.Lookup lookup : shape.lookups()) {
            Set<List<String>> keys = new LinkedHashSet<>();
            for (ChangeEvent node : out) {
                String key = JoinKeys.of(node.getAfter(), lookup.key());
                if (key != null) {
                    keys.add(JoinKeys.values(key));
                }
            }
            Map<String, ChangeEvent> referenced = new HashMap<>();
            for (ChangeEvent row : select(lookup.table(), table(lookup.table()).primaryKeyNames(), keys)) {
                referenced.put(JoinKeys.primaryKeyOf(row), row);
            }
            out = out.stream().map(node -> {
                String key = JoinKeys.of(node.getAfter(), lookup.key());
                return DocumentParts.withColumn(node, lookup.into(), DocumentParts.LOOKUP,
                        DocumentParts.lookedUp(key == null ? null : referenced.get(key), lookup.columns()));
            }).toList();
        }
        return out;
    }

    /** The rows of {@code table} whose {@code columns} hold one of {@code keys}. */
    private List<ChangeEvent> select(TablePattern.Named name, List<String> columns, Set<List<String>> keys)
            throws SQLException {
        TableShape table = table(name);
        RowConverter rows = new RowConverter(table.columns());
        List<ChangeEvent> out = new ArrayList<>();
        List<List<String>> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            List<List<String>> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
            String tuple = "(" + String.join(", ", columns.stream().map(TableShape::quote).toList()) + ")";
            String one = "(" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            String sql = "SELECT " + rows.selectList() + " FROM " + table.quotedName() + " WHERE " + tuple + " IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), one)) + ")";
            try (PreparedStatement st = db.prepareStatement(sql)) {
                int parameter = 1;
                for (List<String> key : chunk) {
                    for (String value : key) {
                        st.setString(parameter++, value);
                    }
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(ChangeEvent.newBuilder().setDatabase(table.database()).setTable(table.table())
                                .addAllPrimaryKey(table.primaryKeyNames()).setAfter(rows.row(rs)).build());
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // a read-only connection: nothing is lost
        }
    }

    private TableShape table(TablePattern.Named name) throws SQLException {
        TableShape known = tables.get(name);
        if (known == null) {
            known = shapes.read(name.database(), name.table()).orElseThrow(() -> new IllegalStateException(
                    name.database() + "." + name.table() + ", which a joined document names, does not exist"));
            tables.put(name, known);
        }
        return known;
    }
}
