package io.mysync.writer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysync.common.error.UsageException;
import io.mysync.common.lifecycle.Service;
import io.mysync.config.model.MySyncConfig;
import io.mysync.writer.api.Sink;
import io.mysync.writer.api.SinkFactory;
import io.mysync.writer.metrics.SinkMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs one {@link SinkWorker} thread per selected sink. */
public final class WriterService implements Service {

    private final List<SinkWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param sinkNames sinks to run; empty runs every sink the configuration has
     * @throws IllegalArgumentException naming unknown or unconfigured sinks and the available ones
     */
    public WriterService(MySyncConfig config, Set<String> sinkNames) {
        this(config, sinkNames, new SimpleMeterRegistry());
    }

    /** @param registry where each sink's {@link SinkMetrics} are registered */
    public WriterService(MySyncConfig config, Set<String> sinkNames, MeterRegistry registry) {
        sinkNames.forEach(SinkFactories::named);
        for (SinkFactory factory : SinkFactories.all()) {
            boolean wanted = sinkNames.isEmpty() || sinkNames.contains(factory.name());
            if (!wanted) {
                continue;
            }
            if (!factory.configured(config)) {
                if (sinkNames.contains(factory.name())) {
                    throw new UsageException("--sinks " + factory.name() + ": "
                            + config.file() + " has no sinks." + factory.name() + " section; add it, or leave "
                            + factory.name() + " out of --sinks");
                }
                continue;
            }
            List<Sink> lanes = new ArrayList<>();
            for (int i = 0; i < config.writer().threads(); i++) {
                lanes.add(factory.create(config));
            }
            SinkMetrics metrics = new SinkMetrics(registry, config.source().id(), factory.name(), Clock.systemUTC());
            workers.add(new SinkWorker(config, lanes, factory.batching(config), d -> Thread.sleep(d.toMillis()),
                    metrics));
        }
        if (workers.isEmpty()) {
            throw new UsageException("no sink to run: " + config.file() + " configures none");
        }
    }

    public void start() {
        for (SinkWorker worker : workers) {
            Thread thread = new Thread(worker, "mysync-writer-" + worker.sinkName());
            threads.add(thread);
            thread.start();
        }
    }

    public List<SinkWorker> workers() {
        return workers;
    }

    /** The first worker failure, if any worker stopped on its own. */
    @Override
    public RuntimeException fatal() {
        return workers.stream().map(SinkWorker::fatal).filter(f -> f != null).findFirst().orElse(null);
    }

    public boolean running() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    @Override
    public void close() {
        workers.forEach(SinkWorker::close);
        for (Thread thread : threads) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
