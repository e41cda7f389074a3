package io.mysync.common.kafka;

import com.google.protobuf.ByteString;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.RowKey;
import io.mysync.events.value.ValueText;
import java.util.List;
import java.util.StringJoiner;

/**
 * Kafka record key of a change: database, table and primary-key values, serialized deterministically, so every
 * change of one row hashes to the same partition. A table without a primary key is keyed by all its columns.
 */
public final class RowKeys {

    private RowKeys() {
    }

    public static RowKey of(ChangeEvent event) {
        Row image = event.hasAfter() ? event.getAfter() : event.getBefore();
        // names compared as the UTF-8 the event holds: decoding them to strings would cost more than the rest
        RowKey.Builder key = RowKey.newBuilder().setDatabaseBytes(event.getDatabaseBytes())
                .setTableBytes(event.getTableBytes());
        int keyColumns = event.getPrimaryKeyCount();
        if (keyColumns == 0) {
            image.getColumnsList().forEach(c -> key.addPrimaryKey(c.getValue()));
            return key.build();
        }
        // primary-key order, not column order: "PRIMARY KEY (b, a)" keys by b then a
        for (int k = 0; k < keyColumns; k++) {
            ByteString name = event.getPrimaryKeyBytes(k);
            for (Column column : image.getColumnsList()) {
                if (column.getNameBytes().equals(name)) {
                    key.addPrimaryKey(column.getValue());
                }
            }
        }
        return key.build();
    }

    /** The primary key as text for messages: {@code (id=5)}, {@code (a=1, b=x)}; the whole row without a key. */
    public static String describe(ChangeEvent event) {
        Row image = event.hasAfter() ? event.getAfter() : event.getBefore();
        List<String> pk = event.getPrimaryKeyList();
        StringJoiner out = new StringJoiner(", ", "(", ")");
        for (Column column : image.getColumnsList()) {
            if (pk.isEmpty() || pk.contains(column.getName())) {
                String text = ValueText.of(column.getValue());
                out.add(column.getName() + "=" + (text == null ? "NULL"
                        : text.length() > 64 ? text.substring(0, 64) + "..." : text));
            }
        }
        return out.toString();
    }

    public static byte[] bytesOf(ChangeEvent event) {
        return of(event).toByteArray();
    }
}
