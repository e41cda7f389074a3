package io.mysync.config.store;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.load.ConfigValues;
import java.nio.file.Path;
import java.util.List;

/**
 * What one store adds to the configuration file: a {@code sinks.NAME} section that says where its servers are, and a
 * {@code mappings[].NAME} section in each mapping whose rows go there. Stores are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.mysync.config.store.StoreSettings}), so the loader,
 * {@code mysync config check} and the generated reference cover a store's keys without this module naming it.
 *
 * @param <S> what {@code sinks.NAME} holds, read once the whole file passed its checks
 * @param <M> what {@code mappings[].NAME} holds
 */
public interface StoreSettings<S, M> {

    /** The store's name: its sections are {@code sinks.NAME} and {@code mappings[].NAME}, its sink is called so. */
    String name();

    /** Every key of {@code sinks.NAME} and {@code mappings[].NAME}, in the reference's order. */
    List<ConfigKey<?>> keys();

    /**
     * Keys of {@code mappings[].NAME} whose template names row columns (a key, a document id, a row key): a column
     * that {@code columns.exclude} or {@code columns.mask} keeps at the source may not appear in them.
     */
    default List<ConfigKey<String>> rowTemplates() {
        return List.of();
    }

    /**
     * Whether the store's documents may join other tables' rows ({@code nest:} and {@code lookup:} in its mapping
     * section, keys of {@link io.mysync.config.keys.DocumentKeys}); its sink then writes what the join stage made.
     */
    default boolean holdsJoinedDocuments() {
        return false;
    }

    /** Keys whose value is a file (a CA, a client certificate, a site file), read where the process runs. */
    default List<ConfigKey<String>> files() {
        return List.of();
    }

    /**
     * Rules that span keys of {@code sinks.NAME}; called only when the file has that section. Keys whose value did
     * not parse answer {@code null}, and their problem is reported already.
     */
    default void check(ConfigValues values, List<ConfigProblem> problems) {
    }

    /** {@code sinks.NAME}; relative file settings start at {@code base}, the config file's directory. */
    S sink(ConfigValues values, Path base);

    /** {@code mappings[index].NAME}. */
    M mapping(ConfigValues values, int index, Path base);
}
