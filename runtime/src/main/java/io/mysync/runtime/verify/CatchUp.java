package io.mysync.runtime.verify;

import io.mysync.common.kafka.TopicNames;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.common.sql.SourceDialect;
import io.mysync.config.model.KafkaConfig;
import io.mysync.config.model.MySyncConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Waits until the pipeline has applied everything the source committed so far. */
public final class CatchUp {

    private CatchUp() {
    }

    /** The source's current end of binlog. */
    public static Position sourceEnd(Connection db) throws SQLException {
        SourceDialect.BinlogStatus status = SourceDialect.of(db).binlogStatus(db);
        return new Position(status.file(), status.position(), "", 0, "");
    }

    /** Waits until the reader's checkpoint reached {@code target}, then until the sink's group has no lag. */
    public static void await(MySyncConfig config, CheckpointStore checkpoints, Position target, String sink,
                             Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitCheckpoint(checkpoints, config.source().id(), target, () -> null, deadline);
        try (Admin admin = Admin.create(config.kafka().clients().admin(Map.of()))) {
            if (config.joinsDocuments(sink)) {
                awaitJoins(admin, config, deadline);
            }
            String group = config.writer().groupOf(config.source().id(), sink);
            while (lag(admin, config, group) > 0) {
                check(deadline, "the " + sink + " writer to apply every event");
                Thread.sleep(50);
            }
        }
    }

    /**
     * Waits until the checkpoint reached {@code target}; stops early with the pipeline's failure, if it reports one.
     */
    public static void awaitCheckpoint(CheckpointStore checkpoints, String sourceId, Position target,
                                       java.util.function.Supplier<RuntimeException> failure, long deadlineNanos)
            throws InterruptedException {
        while (!reached(checkpoints, sourceId, target)) {
            if (failure.get() != null) {
                throw failure.get();
            }
            check(deadlineNanos, "the reader's checkpoint to reach " + target + " (now "
                    + checkpoints.load(sourceId).map(c -> c.position().toString()).orElse("none") + ")");
            Thread.sleep(20);
        }
    }

    private static boolean reached(CheckpointStore checkpoints, String sourceId, Position target) {
        return checkpoints.load(sourceId).map(c -> c.position().atOrAfter(target)).orElse(false);
    }

    /**
     * Waits until the join stage, when a store section joins rows, has processed every record now in the change
     * topics it reads and in its own internal topics (repartition and foreign-key topics), twice in a row: the
     * documents of everything published so far are then in the document topics. Call it once the reader's checkpoint
     * reached the point of interest, and read the document topics' end offsets after it.
     */
    public static void awaitJoins(Admin admin, MySyncConfig config, long deadlineNanos) throws Exception {
        if (!config.joinsDocuments()) {
            return;
        }
        String group = KafkaConfig.joinApplicationId(config.source().id());
        TopicNames names = new TopicNames(config.kafka().topicTemplate(), config.source().id());
        Set<String> inputs = new java.util.TreeSet<>();
        config.mappings().forEach(m -> m.documents().values().forEach(shape -> {
            m.table().named().ifPresent(t -> inputs.add(names.topicOf(t.database(), t.table())));
            shape.tables().forEach(t -> inputs.add(names.topicOf(t.database(), t.table())));
        }));
        Map<TopicPartition, Long> published = endOffsets(admin, inputs);
        int quiet = 0;
        while (quiet < 2) {
            Set<String> internal = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(group + "-") && !t.endsWith("-changelog")).collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = new java.util.HashMap<>(published);
            ends.putAll(endOffsets(admin, internal));
            quiet = behind(admin, group, ends) == 0 ? quiet + 1 : 0;
            if (quiet < 2) {
                check(deadlineNanos, "the join stage to build the documents of every change");
                Thread.sleep(50);
            }
        }
    }

    /** Records in the source's topics the group has not committed yet. */
    public static long lag(Admin admin, MySyncConfig config, String group) throws Exception {
        return behind(admin, group, endOffsets(admin, config));
    }

    /** The end offset of every partition of the source's topics now. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, MySyncConfig config) throws Exception {
        var pattern = new TopicNames(config.kafka().topicTemplate(), config.source().id()).subscription();
        return endOffsets(admin, admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> pattern.matcher(t).matches()).collect(Collectors.toSet()));
    }

    /** The end offset of every partition of {@code topics} now (topics that do not exist are left out). */
    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<String> wanted) throws Exception {
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        Set<String> topics = wanted.stream().filter(existing::contains).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = admin.describeTopics(topics).allTopicNames()
                .get(10, TimeUnit.SECONDS).values().stream()
                .flatMap(d -> d.partitions().stream().map(pi -> new TopicPartition(d.name(), pi.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                .get(10, TimeUnit.SECONDS);
        return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Records before {@code ends} the group has not committed yet (0 once it applied everything up to them). */
    public static long behind(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        if (ends.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(end.getKey());
            behind += Math.max(0, end.getValue() - (c == null ? 0 : c.offset()));
        }
        return behind;
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }
}
