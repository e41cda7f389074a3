package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * How one mapping follows schema changes of its tables.
 *
 * @param onTruncate TRUNCATE TABLE
 * @param onDrop     DROP TABLE, or a RENAME that takes the table away from the mapping
 * @param onAlter    a change of columns or primary key (ALTER TABLE, or an online schema change tool's cut-over)
 */
@RecordBuilder
public record SchemaChangePolicy(RowsGonePolicy onTruncate, RowsGonePolicy onDrop, AlterPolicy onAlter) {

    public static final SchemaChangePolicy DEFAULT = new SchemaChangePolicy(RowsGonePolicy.PROPAGATE,
            RowsGonePolicy.PROPAGATE, AlterPolicy.RESYNC);
}
