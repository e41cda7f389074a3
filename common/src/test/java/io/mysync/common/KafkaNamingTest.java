package io.mysync.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.common.kafka.RowKeys;
import io.mysync.common.kafka.TopicNames;
import org.junit.jupiter.api.Test;

class KafkaNamingTest {

    private static Row row(long id, String name) {
        return Row.newBuilder()
                .addColumns(Column.newBuilder().setName("name").setValue(Value.newBuilder().setStringValue(name)))
                .addColumns(Column.newBuilder().setName("id").setValue(Value.newBuilder().setIntValue(id)))
                .build();
    }

    @Test
    void keysEveryChangeOfARowAlikeWhateverElseChanged() {
        ChangeEvent insert = ChangeEvent.newBuilder().setDatabase("shop").setTable("t").addPrimaryKey("id")
                .setOp(Op.INSERT).setAfter(row(7, "a")).build();
        ChangeEvent delete = ChangeEvent.newBuilder().setDatabase("shop").setTable("t").addPrimaryKey("id")
                .setOp(Op.DELETE).setBefore(row(7, "b")).build();
        ChangeEvent other = insert.toBuilder().setAfter(row(8, "a")).build();
        assertThat(RowKeys.bytesOf(insert)).isEqualTo(RowKeys.bytesOf(delete));
        assertThat(RowKeys.bytesOf(insert)).isNotEqualTo(RowKeys.bytesOf(other));
        assertThat(RowKeys.of(insert).getPrimaryKeyList()).extracting(Value::getIntValue).containsExactly(7L);
    }

    @Test
    void resolvesTopicsAndTheSubscriptionThatMatchesThem() {
        TopicNames names = new TopicNames("mysync.{source}.{database}.{table}", "shop");
        assertThat(names.topicOf("db$1", "orders")).isEqualTo("mysync.shop.db_1.orders");
        assertThat(names.subscription().matcher("mysync.shop.db_1.orders").matches()).isTrue();
        assertThat(names.subscription().matcher("mysync.other.db.orders").matches()).isFalse();
    }
}
