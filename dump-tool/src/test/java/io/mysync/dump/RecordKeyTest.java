package io.mysync.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.RowKey;
import io.mysync.events.v1.Value;
import io.mysync.common.kafka.RowKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordKeyTest {

    private static Row row() {
        return Row.newBuilder()
                .addColumns(Column.newBuilder().setName("num").setValue(Value.newBuilder().setIntValue(7)))
                .addColumns(Column.newBuilder().setName("label").setValue(Value.newBuilder().setStringValue("x")))
                .addColumns(Column.newBuilder().setName("region").setValue(Value.newBuilder().setStringValue("eu")))
                .build();
    }

    @Test
    void snapshotRowsAreKeyedExactlyAsTheStreamKeysThem() {
        // PRIMARY KEY (region, num): key order, not column order
        ChangeEvent streamed = ChangeEvent.newBuilder().setOp(Op.INSERT).setDatabase("shop").setTable("pairs")
                .addPrimaryKey("region").addPrimaryKey("num").setAfter(row()).build();
        RowKey base = RowKey.newBuilder().setDatabase("shop").setTable("pairs").build();
        assertThat(ChunkWorker.recordKey(base, List.of(2, 0), row())).isEqualTo(RowKeys.bytesOf(streamed));
    }

    @Test
    void aTableWithoutPrimaryKeyIsKeyedByAllItsColumnsAsInTheStream() {
        ChangeEvent streamed = ChangeEvent.newBuilder().setOp(Op.INSERT).setDatabase("shop").setTable("loose")
                .setAfter(row()).build();
        RowKey base = RowKey.newBuilder().setDatabase("shop").setTable("loose").build();
        assertThat(ChunkWorker.recordKey(base, List.of(), row())).isEqualTo(RowKeys.bytesOf(streamed));
    }
}
