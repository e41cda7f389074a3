package io.mysync.reader.schema;

/** MySQL's {@code enum_field_types} codes as they appear in table map events. */
public final class ColumnTypes {

    public static final int DECIMAL = 0;
    public static final int TINY = 1;
    public static final int SHORT = 2;
    public static final int LONG = 3;
    public static final int FLOAT = 4;
    public static final int DOUBLE = 5;
    public static final int TIMESTAMP = 7;
    public static final int LONGLONG = 8;
    public static final int INT24 = 9;
    public static final int DATE = 10;
    public static final int TIME = 11;
    public static final int DATETIME = 12;
    public static final int YEAR = 13;
    public static final int VARCHAR = 15;
    public static final int BIT = 16;
    public static final int TIMESTAMP2 = 17;
    public static final int DATETIME2 = 18;
    public static final int TIME2 = 19;
    public static final int VECTOR = 242;
    public static final int JSON = 245;
    public static final int NEWDECIMAL = 246;
    public static final int ENUM = 247;
    public static final int SET = 248;
    public static final int BLOB = 252;
    public static final int VAR_STRING = 253;
    public static final int STRING = 254;
    public static final int GEOMETRY = 255;

    private ColumnTypes() {
    }

    /** Numeric columns: the ones that can be UNSIGNED. */
    public static boolean isNumeric(int realType) {
        return switch (realType) {
            case TINY, SHORT, INT24, LONG, LONGLONG, NEWDECIMAL, FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    /** Columns the DEFAULT_CHARSET/COLUMN_CHARSET metadata covers; MariaDB also counts GEOMETRY. */
    public static boolean isCharacter(int realType, boolean mariadb) {
        return switch (realType) {
            case STRING, VAR_STRING, VARCHAR, BLOB -> true;
            case GEOMETRY -> mariadb;
            default -> false;
        };
    }

    /** Resolves the real type of a STRING column, whose metadata packs CHAR, ENUM and SET. */
    public static int realType(int binlogType, int meta) {
        if (binlogType == STRING && meta >= 256) {
            int meta0 = meta >> 8;
            if ((meta0 & 0x30) != 0x30) {
                return meta0 | 0x30;
            }
            if (meta0 == ENUM || meta0 == SET) {
                return meta0;
            }
        }
        return binlogType;
    }

    /** Declared byte length of a CHAR/BINARY column from its metadata. */
    public static int stringLength(int meta) {
        if (meta < 256) {
            return meta;
        }
        int meta0 = meta >> 8;
        int meta1 = meta & 0xFF;
        return (meta0 & 0x30) != 0x30 ? meta1 | (((meta0 & 0x30) ^ 0x30) << 4) : meta1;
    }
}
