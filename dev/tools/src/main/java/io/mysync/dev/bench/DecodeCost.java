package io.mysync.dev.bench;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.config.model.KafkaConfig;
import io.mysync.writer.ChangeEventParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What decoding an event costs a writer: the reader's own records, read back from the bench topic, decoded by
 * protobuf's generated {@code ChangeEvent.parseFrom} and by the writers' {@link ChangeEventParser} (one per 5,000
 * events, as a writer lane makes one per poll): microseconds per event on one thread for each, the best of six
 * passes taken in turns.
 */
public final class DecodeCost {

    private static final int PASSES = 6;
    private static final int PER_PARSER = 5_000;

    /** @param events how many events were decoded */
    public record Result(int events, double protobufMicros, double parserMicros) {
    }

    private DecodeCost() {
    }

    public static Result measure(KafkaConfig kafka, String topic, int most) throws Exception {
        List<byte[]> values = read(kafka, topic, most);
        long sink = 0;
        double protobuf = Double.MAX_VALUE;
        double parser = Double.MAX_VALUE;
        for (int pass = 0; pass < PASSES; pass++) {
            for (boolean generated : pass % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                long start = System.nanoTime();
                if (generated) {
                    for (byte[] value : values) {
                        sink += ChangeEvent.parseFrom(value).getSeq();
                    }
                    protobuf = Math.min(protobuf, (System.nanoTime() - start) / 1e3 / values.size());
                } else {
                    ChangeEventParser events = new ChangeEventParser();
                    for (int i = 0; i < values.size(); i++) {
                        if (i % PER_PARSER == 0) {
                            events = new ChangeEventParser();
                        }
                        sink -= events.parse(values.get(i)).getSeq();
                    }
                    parser = Math.min(parser, (System.nanoTime() - start) / 1e3 / values.size());
                }
            }
        }
        if (sink != 0) {
            throw new IllegalStateException("the two parsers read different seqs from the same records");
        }
        return new Result(values.size(), protobuf, parser);
    }

    private static List<byte[]> read(KafkaConfig kafka, String topic, int most) {
        List<byte[]> values = new ArrayList<>(most);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.clients().consumer(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int empty = 0;
            while (values.size() < most && empty < 3) {
                int before = values.size();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (values.size() < most) {
                        values.add(record.value());
                    }
                }
                empty = values.size() == before ? empty + 1 : 0;
            }
        }
        return values;
    }
}
