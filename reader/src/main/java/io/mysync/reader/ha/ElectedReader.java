package io.mysync.reader.ha;

import io.mysync.common.lifecycle.ServiceState;
import io.mysync.common.position.CheckpointFencedException;
import io.mysync.common.position.CheckpointStore;
import io.mysync.config.model.HaConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.reader.ReaderService;
import io.mysync.reader.SourceReader;
import io.mysync.reader.metrics.ReaderMetrics;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One reader instance of a highly available source: it joins the source's leader election in ZooKeeper
 * ({@code <ha.root>/<source>/leader}) and reads the binlog only while it leads. The moment its ZooKeeper connection
 * is in doubt (SUSPENDED or LOST) it stops the binlog session, before its session can expire and a standby take
 * over; a leader that was paused past that point and wakes up finds the checkpoint taken over
 * ({@link ZooKeeperCheckpointStore}) and stops as well. Either way it rejoins the election as a standby.
 */
public final class ElectedReader implements SourceReader {

    private static final Logger LOG = LoggerFactory.getLogger(ElectedReader.class);

    private final MySyncConfig config;
    private final HaConfig ha;
    private final CuratorFramework zookeeper;
    private final String participant;
    private final ReaderMetrics metrics;
    private final ServiceState state;
    private volatile boolean leading;
    private volatile ReaderService current;
    private volatile long terms;

    public ElectedReader(MySyncConfig config) {
        this(config, ReaderMetrics.unregistered(config.source().id()));
    }

    public ElectedReader(MySyncConfig config, ReaderMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.state = new ServiceState("Reader election for source " + config.source().id(),
                config.kafka().bootstrap());
        this.ha = config.reader().ha();
        int sessionMs = (int) ha.sessionTimeout().toMillis();
        this.zookeeper = ZooKeeperClients.create(ha, Duration.ofMillis(Math.min(sessionMs, 15_000)),
                new ExponentialBackoffRetry(500, 10));
        this.participant = participantId();
        zookeeper.getConnectionStateListenable().addListener((client, state) -> {
            if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
                stopReading("ZooKeeper connection " + state);
            }
        });
    }

    private static String participantId() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ManagementFactory.getRuntimeMXBean().getPid();
        } catch (java.net.UnknownHostException e) {
            return "pid-" + ManagementFactory.getRuntimeMXBean().getPid();
        }
    }

    public boolean leading() {
        return leading;
    }

    /** How many times this instance has become leader. */
    public long terms() {
        return terms;
    }

    @Override
    public RuntimeException fatal() {
        return state.fatal();
    }

    @Override
    public void run() {
        MDC.put("source", config.source().id());
        MDC.put("component", "reader");
        zookeeper.start();
        String sourcePath = ha.sourcePath(config.source().id());
        try {
            ZooKeeperClients.takeOver(zookeeper, ha, sourcePath);
            while (state.running()) {
                try (LeaderLatch latch = new LeaderLatch(zookeeper, sourcePath + "/leader", participant)) {
                    latch.start();
                    LOG.info("Standing by as {} for source {} (election {} on {})", participant,
                            config.source().id(), sourcePath + "/leader", ha.zookeeper());
                    while (!state.stopping() && !latch.await(1, TimeUnit.SECONDS)) {
                        // standby
                    }
                    if (!state.stopping()) {
                        lead(sourcePath);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            var denied = ZooKeeperDeniedException.in(e, ha);
            state.fail(denied.<RuntimeException>map(d -> d)
                    .orElseGet(() -> e instanceof RuntimeException r ? r : new IllegalStateException(e)), LOG);
        } finally {
            zookeeper.close();
        }
    }

    /**
     * One leadership term: read until deposed, stopped or failed. With exactly-once delivery the checkpoint is in
     * Kafka and the transactional id's epoch fences the previous leader; otherwise it is the ZooKeeper checkpoint,
     * claimed first so that the previous leader's next write fails.
     */
    private void lead(String sourcePath) {
        CheckpointStore checkpoints;
        String where;
        if (config.kafka().exactlyOnce()) {
            checkpoints = ReaderCheckpoints.open(config);
            where = "Kafka topic " + config.kafka().checkpointTopic(config.source().id());
        } else {
            ZooKeeperCheckpointStore zk = new ZooKeeperCheckpointStore(zookeeper, sourcePath);
            try {
                zk.claim(config.source().id());
            } catch (CheckpointFencedException e) {
                LOG.warn("{}; standing by again", e.getMessage());
                return;
            }
            checkpoints = zk;
            where = "ZooKeeper " + zk.path();
        }
        ReaderService service = new ReaderService(config, checkpoints, metrics);
        terms++;
        LOG.info("Leading source {} as {} (term {}); checkpoint in {}", config.source().id(), participant, terms,
                where);
        current = service;
        leading = true;
        metrics.leading(true);
        if (!zookeeper.getZookeeperClient().isConnected()) {
            stopReading("ZooKeeper connection lost while taking over");
        }
        try {
            service.run();
        } finally {
            leading = false;
            metrics.leading(false);
            current = null;
        }
        RuntimeException failure = service.fatal();
        if (failure instanceof CheckpointFencedException) {
            LOG.warn("Deposed as leader of source {}; standing by again", config.source().id());
        } else if (failure != null) { // logged by the term's reader
            state.failQuietly(ZooKeeperDeniedException.in(failure, ha).<RuntimeException>map(d -> d).orElse(failure));
        } else if (!state.stopping()) {
            LOG.warn("Stopped reading source {}: leadership in doubt; standing by again", config.source().id());
        }
    }

    private void stopReading(String why) {
        ReaderService service = current;
        if (service != null) {
            LOG.warn("{}: stopping the binlog session of source {} now", why, config.source().id());
            service.close();
        }
    }

    @Override
    public void close() {
        state.stop();
        stopReading("Shutting down");
    }
}
