package io.mysync.writer.mysql;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.load.ConfigValues;
import io.mysync.config.load.PairCheck;
import io.mysync.config.model.SourceTls;
import io.mysync.config.model.SourceTlsBuilder;
import io.mysync.config.store.StoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code sinks.mysql_table} and the mappings' {@code mysql_table:} sections ({@link MySqlConfigKeys}). */
public final class MySqlSettings implements StoreSettings<MySqlSinkConfig, MySqlMapping> {

    /** The store, for typed lookups: {@code config.sink(MYSQL_TABLE)}, {@code mapping.options(MYSQL_TABLE)}. */
    public static final MySqlSettings MYSQL_TABLE = new MySqlSettings();

    @Override
    public String name() {
        return MySqlSink.NAME;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return MySqlConfigKeys.ALL;
    }

    @Override
    public List<ConfigKey<String>> files() {
        return List.of(MySqlConfigKeys.SSL_CA, MySqlConfigKeys.SSL_CERT, MySqlConfigKeys.SSL_KEY);
    }

    @Override
    public void check(ConfigValues v, List<ConfigProblem> problems) {
        PairCheck.both(v, problems, MySqlConfigKeys.SSL_CERT, MySqlConfigKeys.SSL_KEY, "a client certificate");
    }

    @Override
    public MySqlSinkConfig sink(ConfigValues v, Path base) {
        URI url = URI.create(v.get(MySqlConfigKeys.URL));
        SourceTls tls = SourceTlsBuilder.builder()
                .mode(v.get(MySqlConfigKeys.SSL_MODE))
                .ca(v.path(MySqlConfigKeys.SSL_CA, -1, base))
                .certificate(v.path(MySqlConfigKeys.SSL_CERT, -1, base))
                .key(v.path(MySqlConfigKeys.SSL_KEY, -1, base))
                .allowPublicKeyRetrieval(v.get(MySqlConfigKeys.ALLOW_PUBLIC_KEY_RETRIEVAL))
                .build();
        return MySqlSinkConfigBuilder.builder()
                .host(url.getHost())
                .port(url.getPort())
                .user(url.getUserInfo())
                .password(v.get(MySqlConfigKeys.PASSWORD))
                .database(url.getPath().substring(1))
                .tls(tls)
                .timeout(v.get(MySqlConfigKeys.TIMEOUT))
                .versionsTable(v.get(MySqlConfigKeys.VERSIONS_TABLE))
                .build();
    }

    @Override
    public MySqlMapping mapping(ConfigValues v, int index, Path base) {
        return new MySqlMapping(v.get(MySqlConfigKeys.TABLE, index));
    }
}
