package io.mysync.reader.schema;

import static io.mysync.reader.schema.ColumnTypes.BIT;
import static io.mysync.reader.schema.ColumnTypes.BLOB;
import static io.mysync.reader.schema.ColumnTypes.DATE;
import static io.mysync.reader.schema.ColumnTypes.DATETIME;
import static io.mysync.reader.schema.ColumnTypes.DATETIME2;
import static io.mysync.reader.schema.ColumnTypes.DOUBLE;
import static io.mysync.reader.schema.ColumnTypes.ENUM;
import static io.mysync.reader.schema.ColumnTypes.FLOAT;
import static io.mysync.reader.schema.ColumnTypes.GEOMETRY;
import static io.mysync.reader.schema.ColumnTypes.INT24;
import static io.mysync.reader.schema.ColumnTypes.JSON;
import static io.mysync.reader.schema.ColumnTypes.LONG;
import static io.mysync.reader.schema.ColumnTypes.LONGLONG;
import static io.mysync.reader.schema.ColumnTypes.NEWDECIMAL;
import static io.mysync.reader.schema.ColumnTypes.SET;
import static io.mysync.reader.schema.ColumnTypes.SHORT;
import static io.mysync.reader.schema.ColumnTypes.STRING;
import static io.mysync.reader.schema.ColumnTypes.TIME;
import static io.mysync.reader.schema.ColumnTypes.TIME2;
import static io.mysync.reader.schema.ColumnTypes.TIMESTAMP;
import static io.mysync.reader.schema.ColumnTypes.TIMESTAMP2;
import static io.mysync.reader.schema.ColumnTypes.TINY;
import static io.mysync.reader.schema.ColumnTypes.VARCHAR;
import static io.mysync.reader.schema.ColumnTypes.VAR_STRING;
import static io.mysync.reader.schema.ColumnTypes.YEAR;
import static io.mysync.reader.schema.ColumnTypes.VECTOR;

import io.mysync.common.schema.ColumnDefinition;
import java.util.Map;
import java.util.Set;

/**
 * Which binlog column types a declared SQL type can arrive as: how a schema history is checked against each table
 * map, so a history out of step with the source stops the reader instead of putting values under wrong names.
 */
public final class DeclaredTypes {

    /** Marks a text column whose type CONVERT TO CHARACTER SET may have widened (VARCHAR to MEDIUMTEXT). */
    public static final String CONVERTED_TEXT = "converted text";

    private static final Set<Integer> TEXT = Set.of(STRING, VARCHAR, VAR_STRING, BLOB);

    private static final Map<String, Set<Integer>> BY_BASE_TYPE = Map.ofEntries(
            Map.entry("tinyint", Set.of(TINY)), Map.entry("bool", Set.of(TINY)), Map.entry("boolean", Set.of(TINY)),
            Map.entry("smallint", Set.of(SHORT)), Map.entry("mediumint", Set.of(INT24)),
            Map.entry("int", Set.of(LONG)), Map.entry("integer", Set.of(LONG)), Map.entry("bigint", Set.of(LONGLONG)),
            Map.entry("serial", Set.of(LONGLONG)), Map.entry("decimal", Set.of(NEWDECIMAL)),
            Map.entry("dec", Set.of(NEWDECIMAL)), Map.entry("numeric", Set.of(NEWDECIMAL)),
            Map.entry("fixed", Set.of(NEWDECIMAL)), Map.entry("double", Set.of(DOUBLE)),
            Map.entry("real", Set.of(DOUBLE)), Map.entry("float", Set.of(FLOAT, DOUBLE)), Map.entry("bit", Set.of(BIT)),
            Map.entry("date", Set.of(DATE)), Map.entry("time", Set.of(TIME, TIME2)),
            Map.entry("datetime", Set.of(DATETIME, DATETIME2)), Map.entry("timestamp", Set.of(TIMESTAMP, TIMESTAMP2)),
            Map.entry("year", Set.of(YEAR)), Map.entry("char", Set.of(STRING)), Map.entry("binary", Set.of(STRING)),
            Map.entry("varchar", Set.of(VARCHAR, VAR_STRING)), Map.entry("varbinary", Set.of(VARCHAR, VAR_STRING)),
            Map.entry("tinytext", Set.of(BLOB)), Map.entry("text", Set.of(BLOB)), Map.entry("mediumtext", Set.of(BLOB)),
            Map.entry("longtext", Set.of(BLOB)), Map.entry("tinyblob", Set.of(BLOB)), Map.entry("blob", Set.of(BLOB)),
            Map.entry("mediumblob", Set.of(BLOB)), Map.entry("longblob", Set.of(BLOB)),
            Map.entry("enum", Set.of(ENUM)), Map.entry("set", Set.of(SET)),
            // MariaDB's JSON is LONGTEXT
            Map.entry("json", Set.of(JSON, BLOB)), Map.entry("vector", Set.of(VECTOR)),
            Map.entry("geometry", Set.of(GEOMETRY)), Map.entry("point", Set.of(GEOMETRY)),
            Map.entry("linestring", Set.of(GEOMETRY)), Map.entry("polygon", Set.of(GEOMETRY)),
            Map.entry("multipoint", Set.of(GEOMETRY)), Map.entry("multilinestring", Set.of(GEOMETRY)),
            Map.entry("multipolygon", Set.of(GEOMETRY)), Map.entry("geometrycollection", Set.of(GEOMETRY)),
            Map.entry("geomcollection", Set.of(GEOMETRY)));

    private DeclaredTypes() {
    }

    /** Whether a column declared {@code declared} can be one the binlog describes as {@code realType}. */
    public static boolean fits(ColumnDefinition declared, int realType) {
        if (declared.type().equals(CONVERTED_TEXT)) {
            return TEXT.contains(realType);
        }
        Set<Integer> expected = BY_BASE_TYPE.get(declared.baseType());
        return expected == null || expected.contains(realType); // a type not listed here (MariaDB's UUID...) passes
    }
}
