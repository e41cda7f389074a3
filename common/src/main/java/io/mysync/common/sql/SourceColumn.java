package io.mysync.common.sql;

import com.google.protobuf.ByteString;
import java.util.Locale;

/**
 * One column as information_schema describes it, with the type name the reader gives the same column from the
 * binlog's table map, so snapshot rows and streamed rows carry identical column types and schema versions.
 *
 * @param dataType lower-case DATA_TYPE ("int", "varchar", "datetime")
 * @param binary   a string or spatial column without a character set (BINARY, VARBINARY, BLOB, GEOMETRY): its
 *                 values are bytes
 * @param fsp      fractional-second precision of TIME, DATETIME and TIMESTAMP
 * @param width    bits of a BIT column
 */
public record SourceColumn(String name, String dataType, boolean unsigned, boolean binary, int precision, int scale,
                           int fsp, int width, String typeName, ByteString nameUtf8, ByteString typeNameUtf8) {

    public static SourceColumn of(String name, String dataType, String columnType, String charset, int precision,
                                  int scale, int fsp) {
        String type = dataType.toLowerCase(Locale.ROOT);
        boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        boolean binary = bytesType(type) && (charset == null || charset.equalsIgnoreCase("binary"));
        String typeName = typeName(type, unsigned, binary, precision, scale, fsp);
        return new SourceColumn(name, type, unsigned, binary, precision, scale, fsp, precision, typeName,
                ByteString.copyFromUtf8(name), ByteString.copyFromUtf8(typeName));
    }

    /** The reader's spelling of a column type (see the reader's {@code TableSchemaFactory.typeName}). */
    static String typeName(String type, boolean unsigned, boolean binary, int precision, int scale, int fsp) {
        String u = unsigned ? " unsigned" : "";
        String f = fsp > 0 ? "(" + fsp + ")" : "";
        return switch (type) {
            case "tinyint", "smallint", "mediumint", "int", "bigint", "float", "double" -> type + u;
            case "integer" -> "int" + u;
            case "real" -> "double" + u;
            case "decimal", "numeric" -> "decimal(" + precision + "," + scale + ")" + u;
            case "bit" -> "bit(" + precision + ")";
            case "time", "datetime", "timestamp" -> type + f;
            case "char" -> "char";
            case "varchar" -> "varchar";
            case "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob",
                    "binary", "varbinary", "date", "year", "enum", "set", "json" -> type;
            case "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                    "geometrycollection", "geomcollection", "geometry" -> "geometry";
            default -> type;
        };
    }

    private static boolean bytesType(String type) {
        return switch (type) {
            case "char", "varchar", "binary", "varbinary", "tinytext", "text", "mediumtext", "longtext", "tinyblob",
                    "blob", "mediumblob", "longblob", "point", "linestring", "polygon", "multipoint", "multilinestring",
                    "multipolygon", "geometrycollection", "geomcollection", "geometry" -> true;
            default -> false;
        };
    }

    public boolean integral() {
        return switch (dataType) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> true;
            default -> false;
        };
    }

    /** Whether key bounds of this column are compared as bytes (written as hex in the dump's state). */
    public boolean binaryKey() {
        return binary;
    }
}
