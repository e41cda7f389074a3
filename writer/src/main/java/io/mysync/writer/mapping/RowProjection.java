package io.mysync.writer.mapping;

import io.mysync.common.event.Column;
import io.mysync.common.event.Row;
import io.mysync.config.model.MappingConfig;
import java.util.ArrayList;
import java.util.List;

/** The columns of a row image a mapping copies to its stores (include/exclude lists applied). */
public final class RowProjection {

    private RowProjection() {
    }

    public static List<Column> columns(MappingConfig mapping, Row row) {
        List<Column> columns = row.getColumnsList();
        if (mapping.includeColumns().isEmpty() && mapping.excludeColumns().isEmpty()) {
            return columns; // the common case: every column, no copy
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (Column column : columns) {
            if (mapping.copies(column.getName())) {
                out.add(column);
            }
        }
        return out;
    }
}
