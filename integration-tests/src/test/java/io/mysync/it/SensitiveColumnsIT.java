package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.cli.Main;
import io.mysync.runtime.Pipeline;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.common.event.SensitiveColumns;
import io.mysync.common.position.Position;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import io.mysync.writer.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code columns.exclude} and {@code columns.mask} keep values from leaving the source: after a dump, live changes
 * and a dead letter, the raw bytes of every topic of the source hold none of the excluded or masked values, and the
 * store holds the hashes and the redaction. A second mapping that would take the table instead is refused.
 */
@ExtendWith(SandboxExtension.class)
class SensitiveColumnsIT {

    private static final String SALT = "it-salt-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void excludedAndMaskedValuesAreInNoTopicAndNoDeadLetter() throws Exception {
        SqlServer server = TestEnv.sandbox().mariadb();
        String source = TestEnv.unique("sens");
        String database = TestEnv.unique("people");
        Position start = TestEnv.endOfBinlog(server);
        TestEnv.createDatabase(server, database, "CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(100), "
                + "ssn VARCHAR(40), card VARCHAR(40), note VARCHAR(40))");
        TestEnv.execute(server, database, "INSERT INTO people VALUES (1, 'ann@example.com', 'SSN-MARKER-1', "
                + "'CARD-MARKER-1', 'dumped'), (2, NULL, 'SSN-MARKER-2', NULL, 'dumped')");
        Path file = TestEnv.config(dir, server, source, database, List.of("people"), start);
        String yaml = Files.readString(file)
                .replace("  server_id:", "  mask_salt: \"${file:" + Files.writeString(dir.resolve("salt"), SALT)
                        + "}\"\n  server_id:")
                .replace("type: hash }\n", "type: hash }\n    columns: { exclude: [ ssn ], mask: { email: hash, "
                        + "card: redact } }\n");
        Files.writeString(file, yaml);
        MySyncConfig config = TestEnv.load(file);

        // a pattern mapping before the one that excludes and masks would have every process take it instead: the
        // file is refused by every command, and the scan below finds nothing of what these could have sent
        Path overlapping = Files.writeString(dir.resolve("overlapping.yaml"), yaml.replace("mappings:\n",
                "mappings:\n  - table: " + database + ".*\n    redis: { key: \"" + source + ":any:{id}\", type: hash }\n"));
        for (List<String> command : List.of(List.of("config", "check"), List.of("dump", "--config"),
                List.of("reader", "--config"), List.of("run", "--config"))) {
            List<String> args = new ArrayList<>(command);
            args.add(overlapping.toString());
            assertThat(Main.execute(args.toArray(String[]::new))).as(String.join(" ", command)).isEqualTo(2);
        }

        assertThat(Main.execute("dump", "--config", file.toString())).isEqualTo(0);
        try (Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            // a hash where the writer keeps row 4's seq as a string: Redis refuses the row, which is dead-lettered
            redis.hset(RedisKeys.seqKey("__mysync:seq:", source + ":people:4"), "not", "a seq");
        }
        try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
            TestEnv.execute(server, database,
                    "INSERT INTO people VALUES (3, 'bob@example.com', 'SSN-MARKER-3', 'CARD-MARKER-3', 'live')",
                    "INSERT INTO people VALUES (4, 'eve@example.com', 'SSN-MARKER-4', 'CARD-MARKER-4', 'poison')",
                    "UPDATE people SET ssn = 'SSN-MARKER-5', card = 'CARD-MARKER-5' WHERE id = 1");
            Position end;
            try (Connection c = TestEnv.root(server, "")) {
                end = CatchUp.sourceEnd(c);
            }
            CatchUp.await(config, ReaderCheckpoints.open(config), end, "redis", Duration.ofMinutes(2));
            assertThat(pipeline.fatal()).isNull();
        }

        List<String> found = scanEveryTopic(config, source, List.of("SSN-MARKER", "CARD-MARKER",
                "ann@example.com", "bob@example.com", "eve@example.com"));
        assertThat(found).as("topics whose raw bytes hold a sensitive value").isEmpty();

        try (Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            Map<String, String> ann = redis.hgetAll(source + ":people:1");
            assertThat(ann).containsEntry("email", hmac("ann@example.com"))
                    .containsEntry("card", SensitiveColumns.REDACTED).containsEntry("note", "dumped")
                    .doesNotContainKey("ssn");
            Map<String, String> second = redis.hgetAll(source + ":people:2");
            assertThat(second).doesNotContainKeys("ssn", "email", "card").containsEntry("note", "dumped");
            assertThat(redis.hgetAll(source + ":people:3")).containsEntry("email", hmac("bob@example.com"))
                    .doesNotContainKey("ssn");
        }
    }

    /** Every record (key, value, headers) of every topic named after the source, searched for each marker. */
    private static List<String> scanEveryTopic(MySyncConfig config, String source, List<String> markers)
            throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.kafka().bootstrap());
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("isolation.level", "read_uncommitted");
        List<String> topics;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.kafka().bootstrap()))) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.contains(source)).sorted().toList();
        }
        assertThat(topics).as("the source's event and dead-letter topics").anyMatch(t -> t.endsWith(".people"))
                .anyMatch(t -> t.endsWith("dead_letters"));
        List<String> found = new ArrayList<>();
        long records = 0;
        long deadLetters = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            for (String topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        records++;
                        deadLetters += topic.endsWith("dead_letters") ? 1 : 0;
                        List<byte[]> parts = new ArrayList<>();
                        parts.add(record.key());
                        parts.add(record.value());
                        for (Header header : record.headers()) {
                            parts.add(header.value());
                        }
                        for (byte[] part : parts) {
                            String text = part == null ? "" : new String(part, StandardCharsets.ISO_8859_1);
                            markers.stream().filter(text::contains)
                                    .forEach(m -> found.add(topic + "@" + record.offset() + ": " + m));
                        }
                    }
                }
            }
        }
        assertThat(records).as("records scanned").isGreaterThanOrEqualTo(6);
        assertThat(deadLetters).as("the poison row's dead letter").isPositive();
        return found;
    }

    private static String hmac(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SALT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }
}
