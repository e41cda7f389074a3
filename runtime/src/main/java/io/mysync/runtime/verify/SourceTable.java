package io.mysync.runtime.verify;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.common.sql.RowConverter;
import io.mysync.common.sql.SourceColumn;
import io.mysync.common.sql.TableShape;
import io.mysync.events.value.ValueText;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * One source table read over SQL the way the dump tool reads it, each row as the {@code SNAPSHOT} event the dump
 * would send: the whole table (a sample of its keys), or one row by its primary key.
 */
final class SourceTable {

    /** Key types a row can be read back by with a plain equality on the value's text or bytes. */
    private static final Set<String> KEY_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "integer",
            "bigint", "decimal", "numeric", "char", "varchar", "binary", "varbinary", "date", "datetime", "year",
            "enum", "tinytext", "text", "mediumtext", "longtext");

    private final String sourceId;
    private final TableShape shape;
    private final RowConverter rows;

    SourceTable(String sourceId, TableShape shape) {
        this.sourceId = sourceId;
        this.shape = shape;
        this.rows = new RowConverter(shape.columns());
    }

    TableShape shape() {
        return shape;
    }

    /** Why rows of this table cannot be read back by key, or null when they can. */
    String unverifiable() {
        if (shape.primaryKey().isEmpty()) {
            return "it has no primary key";
        }
        for (int index : shape.primaryKey()) {
            SourceColumn column = shape.columns().get(index);
            if (!KEY_TYPES.contains(column.dataType())) {
                return "its primary key column " + column.name() + " is " + column.dataType()
                        + ", which verify cannot read back by value";
            }
        }
        return null;
    }

    /**
     * Streams the rows whose key falls into the sample (a stable choice by a hash of the key, so a second run checks
     * the same rows) to {@code each}.
     */
    void forEachSampled(Connection db, double samplePercent, Consumer<ChangeEvent> each) throws SQLException {
        long threshold = Math.round(samplePercent * 100);
        try (Statement st = db.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(Integer.MIN_VALUE); // stream, do not hold the table in memory
            try (ResultSet rs = st.executeQuery("SELECT " + rows.selectList() + " FROM " + shape.quotedName())) {
                while (rs.next()) {
                    Row row = rows.row(rs);
                    if (threshold >= 10_000 || Math.floorMod(keyHash(row), 10_000) < threshold) {
                        each.accept(snapshot(row));
                    }
                }
            }
        }
    }

    /** The row with the key of {@code row} as it is now: its snapshot, or a delete of the key when it is gone. */
    ChangeEvent reread(Connection db, ChangeEvent row) throws SQLException {
        Row image = row.hasAfter() ? row.getAfter() : row.getBefore();
        StringBuilder sql = new StringBuilder("SELECT ").append(rows.selectList()).append(" FROM ")
                .append(shape.quotedName()).append(" WHERE ");
        List<Integer> key = shape.primaryKey();
        for (int i = 0; i < key.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(TableShape.quote(shape.columns().get(key.get(i)).name()))
                    .append(" = ?");
        }
        try (PreparedStatement st = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < key.size(); i++) {
                Value value = image.getColumns(key.get(i)).getValue();
                if (value.hasBytesValue()) {
                    st.setBytes(i + 1, value.getBytesValue().toByteArray());
                } else {
                    st.setString(i + 1, ValueText.of(value));
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return snapshot(rows.row(rs));
                }
            }
        }
        return base(Op.DELETE).setBefore(image).build();
    }

    /** The primary key's values as text, in key order (what a repair request names a row by). */
    List<String> keyValues(ChangeEvent row) {
        Row image = row.hasAfter() ? row.getAfter() : row.getBefore();
        return shape.primaryKey().stream().map(i -> ValueText.of(image.getColumns(i).getValue())).toList();
    }

    /** The primary key as text, for the report: {@code id=7} or {@code a=1,b=x}. */
    String keyText(ChangeEvent row) {
        Row image = row.hasAfter() ? row.getAfter() : row.getBefore();
        StringBuilder out = new StringBuilder();
        for (int index : shape.primaryKey()) {
            Column column = image.getColumns(index);
            out.append(out.isEmpty() ? "" : ",").append(column.getName()).append('=')
                    .append(ValueText.of(column.getValue()));
        }
        return out.toString();
    }

    private ChangeEvent snapshot(Row row) {
        return base(Op.SNAPSHOT).setAfter(row).build();
    }

    private ChangeEvent.Builder base(Op op) {
        return ChangeEvent.newBuilder().setSourceId(sourceId).setOp(op).setDatabase(shape.database())
                .setTable(shape.table()).setSchemaVersion(shape.schemaVersion())
                .addAllPrimaryKey(shape.primaryKeyNames());
    }

    private long keyHash(Row row) {
        CRC32 crc = new CRC32();
        for (int index : shape.primaryKey()) {
            Value value = row.getColumns(index).getValue();
            crc.update(value.hasBytesValue() ? value.getBytesValue().toByteArray()
                    : String.valueOf(ValueText.of(value)).getBytes(StandardCharsets.UTF_8));
            crc.update(0);
        }
        return crc.getValue();
    }
}
