package io.mysync.writer.mysql;

import static io.mysync.writer.mysql.MySqlSettings.MYSQL_TABLE;

import io.mysync.writer.api.Sink;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.store.StoreSettings;
import io.mysync.writer.api.RowVerifier;
import io.mysync.writer.api.SinkFactory;
import java.util.Optional;

/** Creates the table sink from {@code sinks.mysql_table} and the mappings' {@code mysql_table:} sections. */
public final class MySqlSinkFactory implements SinkFactory {

    @Override
    public StoreSettings<?, ?> settings() {
        return MYSQL_TABLE;
    }

    @Override
    public Sink create(MySyncConfig config) {
        return new MySqlSink(config.sink(MYSQL_TABLE).orElseThrow(), config.mappings());
    }

    @Override
    public Optional<RowVerifier> verifier(MySyncConfig config) {
        return Optional.of(new MySqlRowVerifier(config.sink(MYSQL_TABLE).orElseThrow(), config.mappings()));
    }
}
