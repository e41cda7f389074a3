package io.mysync.reader.capture;

import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import io.mysync.reader.decode.CellDecoder;
import io.mysync.reader.schema.ColumnSpec;
import io.mysync.reader.schema.TableSchema;
import java.io.Serializable;
import java.util.BitSet;

/** Builds a typed {@link Row} from the cells of one row image. */
final class RowImages {

    private RowImages() {
    }

    static Row of(TableSchema schema, BitSet included, Serializable[] cells) {
        Row.Builder row = Row.newBuilder();
        int cell = 0;
        for (int i = 0; i < schema.columns().size(); i++) {
            if (included != null && !included.get(i)) {
                continue;
            }
            ColumnSpec spec = schema.columns().get(i);
            row.addColumns(Column.newBuilder().setNameBytes(spec.nameUtf8()).setTypeBytes(spec.typeNameUtf8())
                    .setValue(CellDecoder.decode(spec, cells[cell++])));
        }
        return row.build();
    }

    /** Whether two images of the same row differ in a primary-key column. */
    static boolean keyChanged(TableSchema schema, Row before, Row after) {
        for (int index : schema.primaryKey()) {
            String name = schema.columns().get(index).name();
            if (!valueOf(before, name).equals(valueOf(after, name))) {
                return true;
            }
        }
        return false;
    }

    private static Object valueOf(Row row, String name) {
        for (Column c : row.getColumnsList()) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return "";
    }
}
