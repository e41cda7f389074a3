package io.mysync.dev.bench;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.common.kafka.RowKeys;
import io.mysync.config.model.KafkaConfig;
import io.mysync.reader.publish.KafkaProducerSettings;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What Kafka alone takes on this machine: change events shaped like the benchmark's rows, produced with the reader's
 * own producer settings (acks=all, idempotence, compression) and no binlog work at all.
 */
public final class KafkaCeiling {

    private KafkaCeiling() {
    }

    /** Creates the topic the ceiling produces to, with the bench's partitions. */
    public static void createTopic(KafkaConfig config, String topic) throws Exception {
        try (Admin admin = Admin.create(config.clients().admin(java.util.Map.of()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(config.partitions()), Optional.empty())))
                    .all().get(60, TimeUnit.SECONDS);
            Thread.sleep(2000); // let the new partitions' leaders settle, as the reader waits for them
        }
    }

    /** @return records acknowledged per second, into a topic made by {@link #createTopic} */
    public static double recordsPerSecond(KafkaConfig config, String topic, long records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaProducerSettings.of(config, "ceiling"))) {
            long start = System.nanoTime();
            for (long id = 0; id < records; id++) {
                ChangeEvent event = event(id);
                producer.send(new ProducerRecord<>(topic, RowKeys.bytesOf(event), event.toByteArray()));
            }
            producer.flush();
            return records / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static ChangeEvent event(long id) {
        Row row = Row.newBuilder()
                .addColumns(column("id", "bigint", Value.newBuilder().setIntValue(id)))
                .addColumns(column("k", "int", Value.newBuilder().setIntValue(id * 7919 % 1_000_000)))
                .addColumns(column("c", "varchar", Value.newBuilder().setStringValue("row-" + id + "-"
                        + Long.toHexString(id * 0x9E3779B97F4A7C15L) + "-" + Long.toHexString(id * 31))))
                .addColumns(column("pad", "char", Value.newBuilder().setStringValue("pad" + id % 97)))
                .addColumns(column("amount", "decimal(12,2)", Value.newBuilder().setDecimalValue((id % 100000) + ".25")))
                .addColumns(column("ratio", "double", Value.newBuilder().setDoubleValue(id / 3.0)))
                .addColumns(column("flag", "tinyint", Value.newBuilder().setIntValue(id % 2)))
                .addColumns(column("created", "datetime(6)", Value.newBuilder().setStringValue("2026-11-21 10:00:00")))
                .addColumns(column("status", "enum", Value.newBuilder().setEnumValue("paid")))
                .addColumns(column("note", "varchar", Value.newBuilder().setStringValue("note " + id)))
                .build();
        return ChangeEvent.newBuilder().setSourceId("ceiling").setSeq(id + 1).setOp(Op.INSERT)
                .setDatabase("mysync_bench").setTable("bench").addPrimaryKey("id").setAfter(row)
                .setCommitTimeMs(System.currentTimeMillis()).setTransactionId("0-1-" + id / 100).build();
    }

    private static Column column(String name, String type, Value.Builder value) {
        return Column.newBuilder().setName(name).setType(type).setValue(value).build();
    }
}
