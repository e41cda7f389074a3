package io.mysync.writer.api.mapping;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import java.util.List;

/**
 * What a mapping makes of one change event: write the row's fields, or remove the row. Keys and ids are resolved
 * from {@link #keyImage()}, the source row image (source column names, before any rename).
 */
public record MappedChange(ChangeEvent event, boolean delete, Row keyImage, List<Field> fields) {

    /** One field as the stores see it: its (possibly renamed) name, the source column type and the value. */
    public record Field(String name, String type, Value value) {
    }
}
