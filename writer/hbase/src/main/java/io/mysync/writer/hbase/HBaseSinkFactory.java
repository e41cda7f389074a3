package io.mysync.writer.hbase;

import static io.mysync.writer.hbase.HBaseSettings.HBASE;

import io.mysync.writer.api.Sink;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.store.StoreSettings;
import io.mysync.writer.api.RowVerifier;
import io.mysync.writer.api.SinkFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/** Creates the HBase sink from {@code sinks.hbase} and the mappings' {@code hbase:} sections. */
public final class HBaseSinkFactory implements SinkFactory {

    @Override
    public StoreSettings<?, ?> settings() {
        return HBASE;
    }

    @Override
    public Sink create(MySyncConfig config) {
        HBaseSinkConfig hbase = config.sink(HBASE).orElseThrow();
        try {
            return new HBaseSink(ConnectionFactory.createConnection(configuration(hbase)), hbase.writeBufferBytes(),
                    config.mappings());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to HBase through ZooKeeper " + hbase.zookeeper(), e);
        }
    }

    @Override
    public Optional<RowVerifier> verifier(MySyncConfig config) {
        HBaseSinkConfig hbase = config.sink(HBASE).orElseThrow();
        try {
            return Optional.of(new HBaseRowVerifier(connect(hbase), config.mappings()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to HBase through ZooKeeper " + hbase.zookeeper(), e);
        }
    }

    /** A client connection with the sink's settings, for tools that read back what the sink wrote. */
    public static Connection connect(HBaseSinkConfig hbase) throws IOException {
        return ConnectionFactory.createConnection(configuration(hbase));
    }

    /**
     * Client settings: the site file, then the quorum and timeouts short enough that an outage reaches the writer's
     * back-off, then {@code sinks.hbase.properties} over everything.
     */
    static Configuration configuration(HBaseSinkConfig hbase) {
        Configuration conf = HBaseConfiguration.create();
        hbase.siteFile().ifPresent(site -> conf.addResource(new org.apache.hadoop.fs.Path(site.toUri())));
        conf.set("hbase.zookeeper.quorum", hbase.zookeeper());
        conf.set("zookeeper.znode.parent", hbase.znodeParent());
        long timeout = hbase.timeout().toMillis();
        conf.setLong("hbase.client.operation.timeout", timeout);
        conf.setLong("hbase.rpc.timeout", Math.min(timeout, 10_000));
        conf.setInt("hbase.client.retries.number", 5);
        conf.setInt("zookeeper.recovery.retry", 1);
        hbase.properties().forEach(conf::set);
        return conf;
    }
}
