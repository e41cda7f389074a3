package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a store's document holds beyond its table's row: child rows nested in it (1:N) and referenced rows whose
 * columns are copied into it (N:1), each nest with a shape of its own. Empty for a plain row-per-row mapping.
 */
public record DocumentShape(List<Nest> nests, List<Lookup> lookups) {

    public static final DocumentShape PLAIN = new DocumentShape(List.of(), List.of());

    public DocumentShape {
        nests = List.copyOf(nests);
        lookups = List.copyOf(lookups);
    }

    /** Whether the document joins other tables' rows (and so is built by the join stage). */
    public boolean joins() {
        return !nests.isEmpty() || !lookups.isEmpty();
    }

    /** Every table this shape reads, nested ones included (the document's own table is not one). */
    public Stream<TablePattern.Named> tables() {
        return Stream.concat(lookups.stream().map(Lookup::table),
                nests.stream().flatMap(n -> Stream.concat(Stream.of(n.table()), n.shape().tables())));
    }

    /**
     * Child rows of {@code table} nested under {@code path}.
     *
     * @param parentKey the child's columns holding the parent's primary key, in that key's column order
     * @param columns   the child's columns copied; empty copies all
     */
    @RecordBuilder
    public record Nest(TablePattern.Named table, List<String> parentKey, String path, NestForm as,
                       List<String> columns, DocumentShape shape) {
    }

    /**
     * The row of {@code table} that this row references, its {@code columns} copied into the object {@code into}
     * (all of them null when no row matches, as a LEFT JOIN gives).
     *
     * @param key this row's columns holding the referenced row's primary key, in that key's column order
     */
    @RecordBuilder
    public record Lookup(TablePattern.Named table, List<String> key, String into, List<String> columns) {
    }
}
