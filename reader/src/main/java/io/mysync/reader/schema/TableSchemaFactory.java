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

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.google.protobuf.ByteString;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.common.schema.TableDefinition;
import io.mysync.reader.failover.AnchorRows;
import io.mysync.common.sql.ServerFlavor;
import io.mysync.reader.source.ServerInfo;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.zip.CRC32;

/**
 * Builds a {@link TableSchema} from a table map event: column names, key and ENUM/SET members from its full row
 * metadata, or, where the server writes MINIMAL metadata, from the {@link SchemaHistory} the reader keeps, checked
 * against the table map's column count and types.
 */
public final class TableSchemaFactory {

    private static final int BINARY_COLLATION = 63;
    private static final String[] NO_MEMBERS = new String[0];

    private final ServerInfo server;
    private volatile BiPredicate<String, String> captured;
    private SchemaHistory history;

    public TableSchemaFactory(ServerInfo server, BiPredicate<String, String> captured) {
        this.server = server;
        this.captured = captured;
    }

    /** Which tables are captured from now on (a backfill adds its table). */
    public void capture(BiPredicate<String, String> filter) {
        this.captured = filter;
    }

    public BiPredicate<String, String> captureFilter() {
        return captured;
    }

    /** Where column names come from when table maps carry none; {@code null} when no history is kept. */
    public void useHistory(SchemaHistory history) {
        this.history = history;
    }

    public TableSchema create(TableMapEventData map) {
        String database = map.getDatabase();
        String table = map.getTable();
        TableMapEventMetadata md = map.getEventMetadata();
        if (md == null) {
            throw new UnknownColumnsException("the table map of " + database + "." + table + " carries no row "
                    + "metadata (binlog_row_metadata=NO_LOG): signedness and character sets are unknown. Fix: SET "
                    + "GLOBAL binlog_row_metadata = 'FULL' (or 'MINIMAL'); then " + RECOVERY);
        }
        boolean captured = this.captured.test(database, table);
        TableDefinition declared = md.getColumnNames() != null ? null : declared(map, captured);
        byte[] types = map.getColumnTypes();
        int[] meta = map.getColumnMetadata();
        BitSet unsigned = md.getSignedness() == null ? new BitSet() : md.getSignedness();
        boolean mariadb = server.flavor() == ServerFlavor.MARIADB;
        List<ColumnSpec> columns = new ArrayList<>(types.length);
        int characterIndex = 0;
        int enumIndex = 0;
        int setIndex = 0;
        for (int i = 0; i < types.length; i++) {
            int binlogType = types[i] & 0xFF;
            int realType = ColumnTypes.realType(binlogType, meta[i]);
            boolean isUnsigned = ColumnTypes.isNumeric(realType) && unsigned.get(i);
            Integer collation = null;
            if (ColumnTypes.isCharacter(realType, mariadb)) {
                collation = collationOf(md, characterIndex++);
            }
            String[] members = NO_MEMBERS;
            if (declared != null && (realType == ENUM || realType == SET)) {
                members = declared.columns().get(i).members().toArray(NO_MEMBERS);
            } else if (realType == ENUM) {
                members = member(md.getEnumStrValues(), enumIndex++);
            } else if (realType == SET) {
                members = member(md.getSetStrValues(), setIndex++);
            }
            boolean binary = collation != null && collation == BINARY_COLLATION;
            Charset charset = collation == null || binary ? null : charsetOf(collation);
            int byteLength = realType == STRING ? ColumnTypes.stringLength(meta[i]) : 0;
            String name = declared != null ? declared.columns().get(i).name()
                    : md.getColumnNames() != null ? md.getColumnNames().get(i) : "@" + (i + 1);
            String typeName = typeName(realType, meta[i], isUnsigned, binary);
            columns.add(new ColumnSpec(name, realType, meta[i], byteLength, isUnsigned, charset, binary, members,
                    typeName, ByteString.copyFromUtf8(name), ByteString.copyFromUtf8(typeName)));
        }
        List<Integer> pk = new ArrayList<>();
        if (declared != null) {
            declared.primaryKey().forEach(k -> pk.add(declared.indexOf(k)));
        } else if (md.getSimplePrimaryKeys() != null) {
            pk.addAll(md.getSimplePrimaryKeys());
        } else if (md.getPrimaryKeysWithPrefix() != null) {
            pk.addAll(md.getPrimaryKeysWithPrefix().keySet());
        }
        return new TableSchema(database, table, List.copyOf(columns), List.copyOf(pk), version(columns, pk),
                captured);
    }

    /**
     * The table's definition from the schema history, checked against the table map; {@code null} for a table whose
     * rows are neither published nor read by the reader itself (its columns are then named @1, @2...).
     */
    private TableDefinition declared(TableMapEventData map, boolean captured) {
        String table = map.getDatabase() + "." + map.getTable();
        boolean needed = captured || AnchorRows.DATABASE.equals(map.getDatabase());
        if (history == null) {
            if (!needed) {
                return null;
            }
            throw new UnknownColumnsException("the table map of " + table + " carries no column names "
                    + "(binlog_row_metadata=MINIMAL) and this session keeps no schema history (it started while "
                    + "the server wrote FULL metadata, from a checkpoint without one). " + RECOVERY);
        }
        TableDefinition declared = history.table(map.getDatabase(), map.getTable()).orElse(null);
        if (declared == null) {
            if (!needed) {
                return null;
            }
            throw new UnknownColumnsException("the schema history holds no definition of " + table + " (the log "
                    + "says why it was forgotten: a DDL it could not follow, a table renamed from one it never "
                    + "knew), so its columns cannot be named. " + RECOVERY);
        }
        byte[] types = map.getColumnTypes();
        int[] meta = map.getColumnMetadata();
        if (declared.columns().size() != types.length) {
            throw outOfStep(table, "it holds " + declared.columns().size() + " columns " + declared.columnNames()
                    + ", the binlog's table map has " + types.length);
        }
        for (int i = 0; i < types.length; i++) {
            int realType = ColumnTypes.realType(types[i] & 0xFF, meta[i]);
            if (!DeclaredTypes.fits(declared.columns().get(i), realType)) {
                throw outOfStep(table, "column " + (i + 1) + " is " + declared.columns().get(i).name() + " "
                        + declared.columns().get(i).type() + " there, the binlog's table map has a "
                        + typeName(realType, meta[i], false, false) + " at that place");
            }
        }
        for (String key : declared.primaryKey()) {
            if (declared.indexOf(key) < 0) {
                throw outOfStep(table, "its primary key names " + key + ", which is none of its columns "
                        + declared.columnNames());
            }
        }
        return declared;
    }

    private static UnknownColumnsException outOfStep(String table, String difference) {
        return new UnknownColumnsException("the schema history is out of step with the source for " + table + ": "
                + difference + ". Rows would get wrong column names, so the reader stops. " + RECOVERY);
    }

    /** What to do when column names cannot be known; docs/schema-changes.md says the same. */
    static final String RECOVERY = "Recovery: stop the reader; SET GLOBAL binlog_row_metadata = 'FULL' if you "
            + "can (names then travel with every row); re-load the captured tables with ./mysync dump, which "
            + "records the schema at its hand-over position; start the reader (docs/schema-changes.md: "
            + "Sources with binlog_row_metadata=MINIMAL)";

    private Integer collationOf(TableMapEventMetadata md, int characterIndex) {
        if (md.getColumnCharsets() != null && characterIndex < md.getColumnCharsets().size()) {
            return md.getColumnCharsets().get(characterIndex);
        }
        TableMapEventMetadata.DefaultCharset dc = md.getDefaultCharset();
        if (dc == null) {
            return null;
        }
        Map<Integer, Integer> exceptions = dc.getCharsetCollations();
        if (exceptions != null && exceptions.containsKey(characterIndex)) {
            return exceptions.get(characterIndex);
        }
        return dc.getDefaultCharsetCollation();
    }

    private Charset charsetOf(int collation) {
        Charset charset = server.charsetByCollation().get(collation);
        return charset != null ? charset : (collation == 0 ? StandardCharsets.UTF_8 : null);
    }

    private static String[] member(List<String[]> values, int index) {
        return values != null && index < values.size() ? values.get(index) : NO_MEMBERS;
    }

    static String typeName(int type, int meta, boolean unsigned, boolean binary) {
        String u = unsigned ? " unsigned" : "";
        return switch (type) {
            case TINY -> "tinyint" + u;
            case SHORT -> "smallint" + u;
            case INT24 -> "mediumint" + u;
            case LONG -> "int" + u;
            case LONGLONG -> "bigint" + u;
            case NEWDECIMAL -> "decimal(" + (meta & 0xFF) + "," + (meta >> 8) + ")" + u;
            case FLOAT -> "float" + u;
            case DOUBLE -> "double" + u;
            case BIT -> "bit(" + ((meta >> 8) * 8 + (meta & 0xFF)) + ")";
            case DATE -> "date";
            case TIME, TIME2 -> "time" + fsp(type == TIME2 ? meta : 0);
            case DATETIME, DATETIME2 -> "datetime" + fsp(type == DATETIME2 ? meta : 0);
            case TIMESTAMP, TIMESTAMP2 -> "timestamp" + fsp(type == TIMESTAMP2 ? meta : 0);
            case YEAR -> "year";
            case STRING -> binary ? "binary" : "char";
            case VARCHAR, VAR_STRING -> binary ? "varbinary" : "varchar";
            case BLOB -> (switch (meta) {
                case 1 -> "tiny";
                case 3 -> "medium";
                case 4 -> "long";
                default -> "";
            }) + (binary ? "blob" : "text");
            case ENUM -> "enum";
            case SET -> "set";
            case JSON -> "json";
            case GEOMETRY -> "geometry";
            default -> "type" + type;
        };
    }

    private static String fsp(int fsp) {
        return fsp > 0 ? "(" + fsp + ")" : "";
    }

    private static int version(List<ColumnSpec> columns, List<Integer> pk) {
        CRC32 crc = new CRC32();
        for (ColumnSpec c : columns) {
            crc.update((c.name() + ":" + c.typeName() + ";").getBytes(StandardCharsets.UTF_8));
        }
        crc.update(pk.toString().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
