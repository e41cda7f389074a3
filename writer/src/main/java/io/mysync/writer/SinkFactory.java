package io.mysync.writer;

import io.mysync.common.spi.Sink;
import io.mysync.config.model.MySyncConfig;
import java.util.Optional;

/**
 * Creates one kind of {@link Sink} from the configuration. Factories are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.mysync.writer.SinkFactory}), so a new store is a package with a factory, its
 * options and its sink.
 */
public interface SinkFactory {

    /** Name used in {@code --sinks}, consumer groups and logs. */
    String name();

    /** Whether the configuration has this store's connection section. */
    boolean configured(MySyncConfig config);

    Sink create(MySyncConfig config);

    /** What {@code mysync verify} compares this store with; empty when the store cannot be verified yet. */
    default Optional<RowVerifier> verifier(MySyncConfig config) {
        return Optional.empty();
    }

    /** How the writer gathers events for this store; by default each poll is applied as it arrives. */
    default Batching batching(MySyncConfig config) {
        return Batching.perPoll(config.writer().batchSize());
    }
}
