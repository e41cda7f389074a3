package io.mysync.writer.api;

import io.mysync.writer.api.Sink;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.store.StoreSettings;
import java.util.Optional;

/**
 * Creates one kind of {@link Sink} from the configuration. Factories are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.mysync.writer.api.SinkFactory}), their stores' settings likewise
 * ({@code META-INF/services/io.mysync.config.store.StoreSettings}), so a new store is a package with its settings, a
 * factory and its sink: see docs/adding-a-store.md.
 */
public interface SinkFactory {

    /** The store's configuration: its {@code sinks.NAME} section and mapping options. */
    StoreSettings<?, ?> settings();

    /** Name used in {@code --sinks}, consumer groups and logs: the store's. */
    default String name() {
        return settings().name();
    }

    /** Whether the configuration has this store's connection section. */
    default boolean configured(MySyncConfig config) {
        return config.sinks().containsKey(name());
    }

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
