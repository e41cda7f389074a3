package io.mysync.reader.capture;

import static io.mysync.reader.capture.CaptureFixture.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.schema.ColumnSpec;
import io.mysync.reader.schema.TableSchema;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.reader.schema.UnknownColumnsException;
import io.mysync.common.sql.ServerFlavor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table-map cache, fed synthetic table maps. */
class TableMapsTest {

    private static final long ORDERS = 42;

    private final SyntheticBinlog binlog = new SyntheticBinlog();
    private final TableMaps maps = tableMaps();

    private static TableMaps tableMaps() {
        TableSchemaFactory schemas = CaptureFixture.schemas(CaptureFixture.server(ServerFlavor.MYSQL));
        return new TableMaps(schemas, CaptureFixture.schemaChanges(schemas, new Backfills(CONFIG, "")));
    }

    private TableMapEventData map(String... columns) {
        return binlog.tableMap(ORDERS, "shop", "orders", List.of(columns)).getData();
    }

    @Test
    void theMapBeforeEveryRowEventKeepsItsSchemaWhileItsShapeIsTheSame() {
        maps.define(map("id", "state"), true);
        TableSchema first = maps.schema(ORDERS);
        maps.define(map("id", "state"), true);

        assertThat(maps.schema(ORDERS)).isSameAs(first);
        assertThat(first.columns()).extracting(ColumnSpec::name).containsExactly("id", "state");
        assertThat(first.captured()).isTrue();
    }

    @Test
    void aMapOfAnotherShapeMakesANewSchema() {
        maps.define(map("id", "state"), true);
        TableSchema before = maps.schema(ORDERS);
        maps.define(map("id", "state", "note"), true);

        assertThat(maps.schema(ORDERS)).isNotSameAs(before);
        assertThat(maps.schema(ORDERS).columns()).extracting(ColumnSpec::name).containsExactly("id", "state", "note");
    }

    @Test
    void afterADdlTheNextMapIsReadAgainEvenWithTheSameShape() {
        maps.define(map("id", "state"), true);
        TableSchema before = maps.schema(ORDERS);
        maps.forgetShapes();

        assertThat(maps.schema(ORDERS)).as("rows until the next map keep their schema").isSameAs(before);
        maps.define(map("id", "state"), true);
        assertThat(maps.schema(ORDERS)).isNotSameAs(before);
    }

    @Test
    void aMapWithoutColumnNamesStopsTheReaderWhilePublishingAndIsForgottenBeforeTheStart() {
        maps.define(map("id", "state"), true);

        assertThatThrownBy(() -> maps.define(map(), true)).isInstanceOf(UnknownColumnsException.class)
                .hasMessageContaining("binlog_row_metadata=MINIMAL");
        maps.define(map(), false);
        assertThat(maps.schema(ORDERS)).as("rows before the start are not published").isNull();
    }

    @Test
    void anUnknownTableIdHasNoSchema() {
        assertThat(maps.schema(7)).isNull();
    }
}
