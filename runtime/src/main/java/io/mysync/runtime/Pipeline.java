package io.mysync.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysync.common.lifecycle.Service;
import io.mysync.config.model.MySyncConfig;
import io.mysync.join.JoinStage;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.reader.ReaderService;
import io.mysync.reader.SourceReader;
import io.mysync.reader.ha.ElectedReader;
import io.mysync.reader.metrics.ReaderMetrics;
import io.mysync.writer.WriterService;
import java.time.Clock;
import java.util.Set;

/** The reader and/or the writers of one configuration, running in this process until stopped or failed. */
public final class Pipeline implements Service {

    private final SourceReader reader;
    private final ReaderMetrics readerMetrics;
    private final Thread readerThread;
    private final WriterService writer;
    /** Builds the joined documents the writers apply; in every writer process of a sink whose documents join rows. */
    private final JoinStage joins;

    public Pipeline(MySyncConfig config, boolean runReader, Set<String> sinks, boolean runWriter) {
        this(config, runReader, sinks, runWriter, new SimpleMeterRegistry());
    }

    /** @param registry where the reader's and the writers' metrics are registered */
    public Pipeline(MySyncConfig config, boolean runReader, Set<String> sinks, boolean runWriter,
                    MeterRegistry registry) {
        this.readerMetrics = runReader ? new ReaderMetrics(registry, config.source().id(), Clock.systemUTC()) : null;
        this.reader = runReader ? reader(config, readerMetrics) : null;
        this.readerThread = runReader ? new Thread(reader, "mysync-reader-" + config.source().id()) : null;
        this.writer = runWriter ? new WriterService(config, sinks, registry) : null;
        boolean joinedSinks = sinks.isEmpty() ? config.joinsDocuments()
                : sinks.stream().anyMatch(config::joinsDocuments);
        this.joins = runWriter && joinedSinks ? new JoinStage(config) : null;
    }

    /** An elected reader when {@code ha.zookeeper} is set, otherwise the only reader (which always leads). */
    private static SourceReader reader(MySyncConfig config, ReaderMetrics metrics) {
        if (config.reader().ha().enabled()) {
            return new ElectedReader(config, metrics);
        }
        metrics.leading(true);
        return new ReaderService(config, ReaderCheckpoints.open(config), metrics);
    }

    public SourceReader reader() {
        return reader;
    }

    /** The reader's metrics, or null when this pipeline runs no reader. */
    public ReaderMetrics readerMetrics() {
        return readerMetrics;
    }

    public Pipeline start() {
        if (joins != null) {
            joins.start();
        }
        if (writer != null) {
            writer.start();
        }
        if (readerThread != null) {
            readerThread.start();
        }
        return this;
    }

    /** The failure that stopped a part of the pipeline (the reader's first), if any. */
    @Override
    public RuntimeException fatal() {
        if (reader != null && reader.fatal() != null) {
            return reader.fatal();
        }
        if (joins != null && joins.fatal() != null) {
            return joins.fatal();
        }
        return writer != null ? writer.fatal() : null;
    }

    public boolean alive() {
        return (readerThread != null && readerThread.isAlive()) || (writer != null && writer.running());
    }

    public WriterService writer() {
        return writer;
    }

    /** Blocks until a part fails or every part ended; returns the failure, or null. */
    public RuntimeException awaitFailure() throws InterruptedException {
        while (alive() && fatal() == null) {
            Thread.sleep(200);
        }
        return fatal();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            try {
                readerThread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the writers still stop, and the caller sees the interrupt
            }
        }
        if (writer != null) {
            writer.close();
        }
        if (joins != null) {
            joins.close();
        }
    }
}
