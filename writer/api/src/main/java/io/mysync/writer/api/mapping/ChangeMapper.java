package io.mysync.writer.api.mapping;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.config.model.MappingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a mapping's row options to a change, the same way for every store: skipped operations, column
 * include/exclude and rename, constant fields and soft deletes.
 */
public final class ChangeMapper {

    /** Type name given to constant and soft-delete fields. */
    public static final String CONSTANT_TYPE = "constant";
    public static final String FLAG_TYPE = "boolean";

    private static final Value TRUE = Value.newBuilder().setStringValue("true").build();
    private static final Value FALSE = Value.newBuilder().setStringValue("false").build();

    private ChangeMapper() {
    }

    /** @return empty when the mapping skips this operation */
    public static Optional<MappedChange> map(MappingConfig mapping, ChangeEvent event) {
        Op op = event.getOp();
        String opName = op == Op.SNAPSHOT ? "insert" : op.name().toLowerCase(Locale.ROOT);
        if (mapping.skip().contains(opName)) {
            return Optional.empty();
        }
        boolean delete = op == Op.DELETE;
        Row image = delete ? event.getBefore() : event.getAfter();
        if (delete && mapping.softDelete().isEmpty()) {
            return Optional.of(new MappedChange(event, true, image, List.of()));
        }
        List<MappedChange.Field> fields = new ArrayList<>(image.getColumnsCount() + mapping.constants().size() + 1);
        for (Column column : image.getColumnsList()) {
            if (mapping.copies(column.getName())) {
                fields.add(new MappedChange.Field(mapping.fieldName(column.getName()), column.getType(),
                        column.getValue()));
            }
        }
        for (Map.Entry<String, String> constant : mapping.constants().entrySet()) {
            fields.add(new MappedChange.Field(constant.getKey(), CONSTANT_TYPE,
                    Value.newBuilder().setStringValue(constant.getValue()).build()));
        }
        if (!mapping.softDelete().isEmpty()) {
            fields.add(new MappedChange.Field(mapping.softDelete(), FLAG_TYPE, delete ? TRUE : FALSE));
        }
        return Optional.of(new MappedChange(event, false, image, fields));
    }
}
