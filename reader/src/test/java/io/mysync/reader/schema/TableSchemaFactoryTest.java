package io.mysync.reader.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.common.sql.SourceDialect;
import io.mysync.reader.source.ServerInfo;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Table maps written with binlog_row_metadata=MINIMAL: types, signedness and charsets, no names. */
class TableSchemaFactoryTest {

    private final TableSchemaFactory factory = new TableSchemaFactory(new ServerInfo(SourceDialect.ofVersion("8.0.31"), 1,
            "", true, Map.of(255, StandardCharsets.UTF_8)), (db, table) -> table.equals("items"));
    private SchemaHistory history;

    @BeforeEach
    void setUp() {
        history = SchemaHistory.of(Map.of());
        DdlApplier.apply(history, "CREATE TABLE items (id INT UNSIGNED PRIMARY KEY, name VARCHAR(20), "
                + "state ENUM('new','paid'))", "shop");
        factory.useHistory(history);
    }

    /** int, varchar(20) in utf8mb4 (80 bytes), enum packed in STRING as MINIMAL writes it. */
    private static TableMapEventData minimalMap(String table, int... codes) {
        byte[] types = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            types[i] = (byte) codes[i];
        }
        TableMapEventData map = new TableMapEventData();
        map.setDatabase("shop");
        map.setTable(table);
        map.setColumnTypes(types);
        int[] meta = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            meta[i] = switch (types[i] & 0xFF) {
                case ColumnTypes.VARCHAR -> 80;
                case ColumnTypes.STRING -> (ColumnTypes.ENUM << 8) | 1;
                default -> 0;
            };
        }
        map.setColumnMetadata(meta);
        TableMapEventMetadata md = new TableMapEventMetadata();
        BitSet unsigned = new BitSet();
        unsigned.set(0);
        md.setSignedness(unsigned);
        md.setColumnCharsets(List.of(255, 255));
        map.setEventMetadata(md);
        return map;
    }

    private static final int[] ITEMS = {ColumnTypes.LONG, ColumnTypes.VARCHAR, ColumnTypes.STRING};

    @Test
    void namesKeyAndEnumMembersComeFromTheHistory() {
        TableSchema schema = factory.create(minimalMap("items", ITEMS));
        assertThat(schema.columns()).extracting(ColumnSpec::name).containsExactly("id", "name", "state");
        assertThat(schema.primaryKeyNames()).containsExactly("id");
        assertThat(schema.columns().get(2).members()).containsExactly("new", "paid");
        assertThat(schema.columns().get(0).unsigned()).isTrue();
    }

    @Test
    void aHistoryOutOfStepStopsTheReaderNamingTheDifference() {
        assertThatThrownBy(() -> factory.create(minimalMap("items", ColumnTypes.LONG, ColumnTypes.VARCHAR)))
                .isInstanceOf(UnknownColumnsException.class).hasMessageContaining("out of step")
                .hasMessageContaining("3 columns [id, name, state]").hasMessageContaining("./mysync dump");
        assertThatThrownBy(() -> factory.create(minimalMap("items", ColumnTypes.VARCHAR, ColumnTypes.LONG,
                ColumnTypes.STRING))).isInstanceOf(UnknownColumnsException.class)
                .hasMessageContaining("column 1 is id int unsigned there");
    }

    @Test
    void aCapturedTableTheHistoryDoesNotKnowStopsTheReader() {
        history.remove("shop", "items");
        assertThatThrownBy(() -> factory.create(minimalMap("items", ITEMS)))
                .isInstanceOf(UnknownColumnsException.class).hasMessageContaining("holds no definition of shop.items");
    }

    @Test
    void tablesNobodyCapturesNeedNoNames() {
        TableSchema other = factory.create(minimalMap("unknown", ColumnTypes.LONG));
        assertThat(other.captured()).isFalse();
        assertThat(other.columns()).extracting(ColumnSpec::name).containsExactly("@1");
    }
}
