package io.mysync.common.kafka;

import io.mysync.common.event.ChangeEvent;
import io.mysync.common.event.Column;
import io.mysync.common.event.Row;
import io.mysync.common.event.RowKey;
import java.util.List;

/**
 * Kafka record key of a change: database, table and primary-key values, serialized deterministically, so every
 * change of one row hashes to the same partition. A table without a primary key is keyed by all its columns.
 */
public final class RowKeys {

    private RowKeys() {
    }

    public static RowKey of(ChangeEvent event) {
        Row image = event.hasAfter() ? event.getAfter() : event.getBefore();
        RowKey.Builder key = RowKey.newBuilder().setDatabase(event.getDatabase()).setTable(event.getTable());
        List<String> pk = event.getPrimaryKeyList();
        if (pk.isEmpty()) {
            image.getColumnsList().forEach(c -> key.addPrimaryKey(c.getValue()));
            return key.build();
        }
        // primary-key order, not column order: "PRIMARY KEY (b, a)" keys by b then a
        for (String name : pk) {
            for (Column column : image.getColumnsList()) {
                if (column.getName().equals(name)) {
                    key.addPrimaryKey(column.getValue());
                }
            }
        }
        return key.build();
    }

    public static byte[] bytesOf(ChangeEvent event) {
        return of(event).toByteArray();
    }
}
