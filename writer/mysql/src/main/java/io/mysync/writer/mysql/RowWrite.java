package io.mysync.writer.mysql;

import io.mysync.events.v1.Column;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Value;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.events.value.ValueText;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.api.mapping.MappedChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * One row change as the table store writes it: the target table, the row's primary key there (renamed columns, the
 * source's values) and the id its tombstone is kept under.
 *
 * @param rowId SHA-256 of the key values' texts, each length-prefixed: fixed-size and unambiguous for any key
 */
record RowWrite(MappedChange change, String table, List<String> keyColumns, List<Value> keyValues, byte[] rowId) {

    static RowWrite of(MappedChange change, MappingConfig mapping, String table) throws PoisonEventException {
        ChangeEvent event = change.event();
        if (event.getPrimaryKeyCount() == 0) {
            throw new PoisonEventException(event, event.getDatabase() + "." + event.getTable() + " has no primary "
                    + "key, so its rows cannot be found again in table " + table, null);
        }
        List<String> columns = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        StringBuilder id = new StringBuilder();
        for (String key : event.getPrimaryKeyList()) {
            Value value = change.keyImage().getColumnsList().stream().filter(c -> c.getName().equals(key))
                    .map(Column::getValue).findFirst().orElseThrow(() -> new PoisonEventException(event,
                            "the row image has no value for primary-key column " + key, null));
            columns.add(mapping.fieldName(key));
            values.add(value);
            String text = String.valueOf(ValueText.of(value));
            id.append(text.length()).append(':').append(text);
        }
        return new RowWrite(change, table, List.copyOf(columns), List.copyOf(values), sha256(id.toString()));
    }

    long seq() {
        return change.event().getSeq();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
