package io.mysync.stores;

import static io.mysync.writer.elasticsearch.ElasticsearchSettings.ELASTICSEARCH;
import static io.mysync.writer.mysql.MySqlSettings.MYSQL_TABLE;
import static io.mysync.writer.redis.RedisSettings.REDIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.config.load.ConfigException;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.load.ConfigReference;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.SslMode;
import io.mysync.writer.mysql.MySqlSinkConfig;
import io.mysync.writer.redis.RedisServers;
import io.mysync.writer.redis.RedisValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores' own settings, found by the config loader through their {@code StoreSettings}. */
class StoreSettingsTest {

    private static final String VALID = """
            source:
              id: shop
              url: mysql://cdc@127.0.0.1:3306
              password: ${DB_PASSWORD}
              server_id: 5401
            kafka:
              bootstrap: 127.0.0.1:9092
            sinks:
              redis:
                url: redis://127.0.0.1:6379/2
            mappings:
              - table: shop.orders
                columns: { exclude: [ secret ] }
                redis: { key: "order:{id}", type: json, ttl: 7d }
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of("DB_PASSWORD", "s3cret"));

    private ConfigException problems(String yaml) {
        try {
            loader.read("test.yaml", yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void readsEachStoresSectionsIntoItsOwnTypes() {
        MySyncConfig config = loader.read("test.yaml", VALID.replace("    url: redis://127.0.0.1:6379/2\n",
                "    url: redis://127.0.0.1:6379/2\n  hbase: { zookeeper: \"127.0.0.1:2181\" }\n"
                        + "  elasticsearch: { hosts: [ \"http://127.0.0.1:9200\" ] }\n"));
        assertThat(config.sinks()).containsOnlyKeys("redis", "hbase", "elasticsearch");
        assertThat(config.mappings().get(0).options(REDIS).orElseThrow().type()).isEqualTo(RedisValueType.JSON);
        assertThat(config.mappings().get(0).options(REDIS).orElseThrow().ttl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.mappings().get(0).options(ELASTICSEARCH)).isEmpty();
        assertThat(config.sink(ELASTICSEARCH).orElseThrow().hosts()).containsExactly("http://127.0.0.1:9200");
    }

    @Test
    void checksEachStoresSettingsTogether() {
        ConfigException e = problems(VALID.replace("    url: redis://127.0.0.1:6379/2", ""
                + "    url: redis://127.0.0.1:6379/2\n"
                + "    ssl: { ca: /no/such/ca.pem, cert: client.pem }\n"
                + "  elasticsearch:\n"
                + "    hosts: [ \"https://es:9200/a\", \"https://es2:9200/b\" ]\n"
                + "    username: elastic\n"
                + "    api_key: abc\n"
                + "    ssl: { ca_fingerprint: \"12:34\" }"));
        assertThat(e.problems()).extracting(ConfigProblem::key).contains("sinks.redis.ssl.ca",
                "sinks.redis.ssl.key", "sinks.elasticsearch.hosts", "sinks.elasticsearch.api_key",
                "sinks.elasticsearch.ssl.ca_fingerprint");
        assertThat(e.problems()).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                        .contains("the Redis nodes are redis://").contains("write rediss://"))
                .anySatisfy(m -> assertThat(m).contains("cannot read /no/such/ca.pem"))
                .anySatisfy(m -> assertThat(m).contains("the same path prefix"))
                .anySatisfy(m -> assertThat(m).contains("give one way to log in"))
                .anySatisfy(m -> assertThat(m).contains("64 hex digits"));
    }

    @Test
    void readsARedisClusterOrSentinelAndRefusesTwoOrNone() {
        MySyncConfig cluster = loader.read("test.yaml", VALID.replace("    url: redis://127.0.0.1:6379/2",
                "    cluster: [ redis://10.0.0.1:7001, redis://10.0.0.2:7001 ]"));
        assertThat(cluster.sink(REDIS).orElseThrow().servers())
                .isEqualTo(RedisServers.cluster(List.of("redis://10.0.0.1:7001", "redis://10.0.0.2:7001")));
        assertThat(cluster.sink(REDIS).orElseThrow().replicasToWait()).isEqualTo(1);
        MySyncConfig sentinel = loader.read("test.yaml", VALID.replace("    url: redis://127.0.0.1:6379/2",
                "    wait_replicas: 2\n    sentinel: { master: cache, nodes: [ rediss://10.0.0.5:26379 ], "
                        + "password: sp }"));
        assertThat(sentinel.sink(REDIS).orElseThrow().servers().describe())
                .isEqualTo("master 'cache' of Sentinels [rediss://10.0.0.5:26379]");
        assertThat(sentinel.sink(REDIS).orElseThrow().servers().sentinelLogin().orElseThrow().password())
                .isEqualTo("sp");
        assertThat(sentinel.sink(REDIS).orElseThrow().replicasToWait()).isEqualTo(2);
        assertThat(loader.read("test.yaml", VALID).sink(REDIS).orElseThrow().replicasToWait())
                .as("a single server never waits").isZero();

        assertThat(problems(VALID.replace("    url: redis://127.0.0.1:6379/2",
                "    url: redis://127.0.0.1:6379/2\n    cluster: [ redis://10.0.0.1:7001 ]")).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("give one of them"));
        assertThat(problems(VALID.replace("    url: redis://127.0.0.1:6379/2", "    timeout: 2s")).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("needs a server"));
        assertThat(problems(VALID.replace("    url: redis://127.0.0.1:6379/2",
                "    sentinel: { master: cache }")).problems())
                .singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("sinks.redis.sentinel.nodes"));
        assertThat(problems(VALID.replace("    url: redis://127.0.0.1:6379/2",
                "    cluster: [ redis://10.0.0.1:7001, rediss://10.0.0.2:7001, 10.0.0.3:7001 ]")).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("'10.0.0.3:7001' is not a node URL"));
        assertThat(problems(VALID.replace("    url: redis://127.0.0.1:6379/2",
                "    url: redis://127.0.0.1:6379/2\n    seq_prefix: \"s{x}:\"")).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("no { or }"));
    }


    @Test
    void readsTheStoresLogins(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path file = Files.writeString(dir.resolve("mysync.yaml"), VALID.replace(
                "    url: redis://127.0.0.1:6379/2", ""
                        + "    url: rediss://127.0.0.1:6380/2\n"
                        + "    username: writer\n"
                        + "    password: redis-pw\n"
                        + "    ssl: { ca: ca.pem }\n"
                        + "  elasticsearch:\n"
                        + "    hosts: [ \"https://proxy:443/es/\" ]\n"
                        + "    api_key: ZXM6a2V5\n"
                        + "    ssl: { ca_fingerprint: \"" + "AB:CD:EF:01".repeat(8).replace("01AB", "01:AB") + "\" }")
                + "ha: { zookeeper: \"zk:2181\", username: mysync, password: zk-pw }\n");
        MySyncConfig config = loader.read(file);
        assertThat(config.sink(REDIS).orElseThrow().username()).hasValue("writer");
        assertThat(config.sink(REDIS).orElseThrow().tls().ca()).hasValue(ca.toAbsolutePath().normalize());
        assertThat(config.sink(ELASTICSEARCH).orElseThrow().apiKey()).hasValue("ZXM6a2V5");
        assertThat(config.reader().ha().digest().orElseThrow().password()).isEqualTo("zk-pw");
        assertThat(config.reader().ha().authenticated()).isTrue();
        assertThat(config.reader().ha().digest().orElseThrow().toString()).doesNotContain("zk-pw");
    }


    @Test
    void readsTheTableStoresConnectionAndRefusesAUrlWithoutItsDatabase(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path file = Files.writeString(dir.resolve("mysync.yaml"), VALID.replace("    url: redis://127.0.0.1:6379/2\n",
                "    url: redis://127.0.0.1:6379/2\n  mysql_table:\n    url: mysql://copier@db-2:3307/shop_copy\n"
                        + "    password: pw\n    ssl: { mode: verify_identity, ca: ca.pem }\n")
                + "    mysql_table: { table: \"{table}_copy\" }\n");
        MySyncConfig config = loader.read(file);
        MySqlSinkConfig copy = config.sink(MYSQL_TABLE).orElseThrow();
        assertThat(copy.describe()).isEqualTo("copier@db-2:3307/shop_copy");
        assertThat(copy.tls().mode()).isEqualTo(SslMode.VERIFY_IDENTITY);
        assertThat(copy.tls().ca()).hasValue(ca.toAbsolutePath().normalize());
        assertThat(copy.versionsTable()).isEqualTo("mysync_row_versions");
        assertThat(config.mappings().get(0).options(MYSQL_TABLE).orElseThrow().table()).isEqualTo("{table}_copy");
        assertThat(config.settings()).containsEntry("sinks.mysql_table.password", "******");

        ConfigException e = problems(VALID.replace("    url: redis://127.0.0.1:6379/2\n",
                "    url: redis://127.0.0.1:6379/2\n  mysql_table: { url: \"mysql://copier@db-2:3307\" }\n"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("sinks.mysql_table.url");
            assertThat(p.message()).contains("mysql://USER@HOST:PORT/DATABASE");
        });
    }

    @Test
    void rowTemplatesMayNotNameColumnsKeptAtTheSource() {
        ConfigException e = problems(VALID.replace("columns: { exclude: [ secret ] }",
                "columns: { exclude: [ id ] }") + "  - table: shop.items\n    columns: { mask: { sku: redact } }\n"
                + "    hbase: { table: items, rowkey: \"{sku}\" }\n"
                + "    elasticsearch: { index: items, id: \"{sku}\" }\n");
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder("mappings[0].redis.key",
                "mappings[1].hbase.rowkey", "mappings[1].elasticsearch.id", "mappings[1].hbase",
                "mappings[1].elasticsearch");
    }

    /** The documented configuration reference is the generated one, with every store's keys in it. */
    @Test
    void docsHoldTheGeneratedReference() throws Exception {
        String reference = ConfigReference.markdown();
        assertThat(reference).contains("`sinks.redis.url`", "`mappings[].elasticsearch.index`",
                "`sinks.hbase.zookeeper`", "`alerts.hbase.warn`");
        String page = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(page).as("docs/configuration.md; regenerate it with ./mysync config reference")
                .contains(reference);
    }

    @Test
    void theShippedExampleIsValid() {
        MySyncConfig config = new ConfigLoader(Map.of("MYSQL_PASSWORD", "x")).read(
                java.nio.file.Path.of("../deploy/dist/src/conf/mysync.example.yaml"));
        assertThat(config.monitoring().sinkLag("redis").warn()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.monitoring().sinkLag("redis").critical()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.monitoring().webhook()).isEmpty();
    }
}
