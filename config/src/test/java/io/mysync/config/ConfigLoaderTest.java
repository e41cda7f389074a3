package io.mysync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.common.secret.Redaction;
import io.mysync.config.load.ConfigException;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.model.AlterPolicy;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.TablePattern;
import io.mysync.config.model.RedisServers;
import io.mysync.config.model.RedisValueType;
import io.mysync.config.model.RowsGonePolicy;
import io.mysync.config.model.SchemaChangePolicy;
import io.mysync.config.model.StartMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

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
    void readsAValidFileWithDefaultsAndEnvironment() {
        MySyncConfig config = loader.read("test.yaml", VALID);
        assertThat(config.source().password()).isEqualTo("s3cret");
        assertThat(config.source().host()).isEqualTo("127.0.0.1");
        assertThat(config.source().port()).isEqualTo(3306);
        assertThat(config.source().user()).isEqualTo("cdc");
        assertThat(config.source().start()).isEqualTo(StartMode.LATEST);
        assertThat(config.kafka().partitions()).isEqualTo(12);
        assertThat(config.kafka().topicTemplate()).isEqualTo("mysync.{source}.{database}.{table}");
        assertThat(config.mappings()).hasSize(1);
        assertThat(config.mappings().get(0).redis().orElseThrow().type()).isEqualTo(RedisValueType.JSON);
        assertThat(config.mappings().get(0).redis().get().ttl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.mappings().get(0).copies("secret")).isFalse();
        assertThat(config.mappings().get(0).copies("id")).isTrue();
        assertThat(config.captures("shop", "orders")).isTrue();
        assertThat(config.captures("shop", "users")).isFalse();
    }

    @Test
    void masksSecretsInTheEffectiveSettings() {
        MySyncConfig config = loader.read("test.yaml", VALID);
        assertThat(config.settings()).containsEntry("source.password", "******")
                .containsEntry("source.server_id", "5401");
        assertThat(config.settings().toString()).doesNotContain("s3cret");
    }

    @Test
    void masksTheWebhookUrlWhichOftenCarriesAToken() {
        String url = "https://hooks.example.com/services/T000/B000/tokenXYZ123";
        MySyncConfig config = loader.read("test.yaml", VALID + "alerts: { webhook: \"" + url + "\" }\n");
        assertThat(config.monitoring().webhook()).hasValue(java.net.URI.create(url));
        assertThat(config.settings()).containsEntry("alerts.webhook", "******");
        assertThat(Redaction.redact("POST to " + url + " failed")).isEqualTo("POST to ****** failed");
    }

    @Test
    void readsSecretsFromMountedFilesAndMasksThemEverywhere(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("kafka-password");
        Files.writeString(secret, "k4fka-s3cret\n");
        MySyncConfig config = loader.read("test.yaml", VALID.replace("  bootstrap: 127.0.0.1:9092",
                "  bootstrap: 127.0.0.1:9092\n  properties:\n    security.protocol: SASL_SSL\n"
                        + "    sasl.jaas.config: \"ScramLoginModule required username=reader password=${file:" + secret
                        + "};\"\n  producer: { max.request.size: \"2097152\" }"));
        assertThat(config.kafka().clients().producer(Map.of()))
                .containsEntry("sasl.jaas.config", "ScramLoginModule required username=reader password=k4fka-s3cret;")
                .containsEntry("max.request.size", "2097152").containsEntry("bootstrap.servers", "127.0.0.1:9092");
        assertThat(config.kafka().clients().consumer(Map.of())).doesNotContainKey("max.request.size");
        assertThat(config.settings().toString()).doesNotContain("k4fka-s3cret").contains("SASL_SSL");
        assertThat(config.kafka().clients().describe().toString()).doesNotContain("k4fka-s3cret");
        assertThat(Redaction.redact("login failed for password=k4fka-s3cret")).isEqualTo(
                "login failed for password=******");
    }

    @Test
    void namesAnUnreadableSecretFile() {
        ConfigException e = problems(VALID.replace("${DB_PASSWORD}", "${file:/no/such/secret}"));
        assertThat(e.getMessage()).contains("cannot read the secret file /no/such/secret");
    }

    @Test
    void refusesKafkaPropertiesTheGuaranteesRestOn() {
        ConfigException e = problems(VALID.replace("  bootstrap: 127.0.0.1:9092",
                "  bootstrap: 127.0.0.1:9092\n  producer: { acks: \"1\" }\n  consumer: { enable.auto.commit: \"true\" }"));
        assertThat(e.problems()).extracting(ConfigProblem::message)
                .anySatisfy(m -> assertThat(m).contains("'acks' is set by MySync"))
                .anySatisfy(m -> assertThat(m).contains("'enable.auto.commit' is set by MySync"));
    }

    @Test
    void checksTheSourceTlsSettingsTogether() {
        ConfigException e = problems(VALID.replace("  server_id: 5401",
                "  server_id: 5401\n  ssl: { mode: preferred, ca: /no/ca.pem, cert: /no/client.pem }"));
        assertThat(e.problems()).extracting(ConfigProblem::message)
                .anySatisfy(m -> assertThat(m).contains("does not check the server's certificate"))
                .anySatisfy(m -> assertThat(m).contains("source.ssl.key is missing"))
                .anySatisfy(m -> assertThat(m).contains("cannot read /no/ca.pem"));
        MySyncConfig plain = loader.read("test.yaml", VALID);
        assertThat(plain.source().jdbcUrl()).contains("sslMode=PREFERRED").contains("allowPublicKeyRetrieval=false");
    }

    @Test
    void checksTheStoresAndServersLoginsTogether() {
        ConfigException e = problems(VALID.replace("    url: redis://127.0.0.1:6379/2", ""
                + "    url: redis://127.0.0.1:6379/2\n"
                + "    ssl: { ca: /no/such/ca.pem, cert: client.pem }\n"
                + "  elasticsearch:\n"
                + "    hosts: [ \"https://es:9200/a\", \"https://es2:9200/b\" ]\n"
                + "    username: elastic\n"
                + "    api_key: abc\n"
                + "    ssl: { ca_fingerprint: \"12:34\" }") + """
                ha: { zookeeper: "zk:2181", username: mysync }
                metrics: { password: x }
                """);
        assertThat(e.problems()).extracting(ConfigProblem::key).contains("sinks.redis.ssl.ca",
                "sinks.redis.ssl.key", "sinks.elasticsearch.hosts", "sinks.elasticsearch.api_key",
                "sinks.elasticsearch.ssl.ca_fingerprint", "ha.password", "metrics.username");
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
        assertThat(cluster.redis().orElseThrow().servers())
                .isEqualTo(RedisServers.cluster(List.of("redis://10.0.0.1:7001", "redis://10.0.0.2:7001")));
        assertThat(cluster.redis().orElseThrow().replicasToWait()).isEqualTo(1);
        MySyncConfig sentinel = loader.read("test.yaml", VALID.replace("    url: redis://127.0.0.1:6379/2",
                "    wait_replicas: 2\n    sentinel: { master: cache, nodes: [ rediss://10.0.0.5:26379 ], "
                        + "password: sp }"));
        assertThat(sentinel.redis().orElseThrow().servers().describe())
                .isEqualTo("master 'cache' of Sentinels [rediss://10.0.0.5:26379]");
        assertThat(sentinel.redis().orElseThrow().servers().sentinelLogin().orElseThrow().password())
                .isEqualTo("sp");
        assertThat(sentinel.redis().orElseThrow().replicasToWait()).isEqualTo(2);
        assertThat(loader.read("test.yaml", VALID).redis().orElseThrow().replicasToWait())
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
    void sensitiveColumnsNeedTheSaltAndStayOutOfKeyTemplates() {
        ConfigException salt = problems(VALID.replace("columns: { exclude: [ secret ] }",
                "columns: { mask: { email: hash, card: redact } }"));
        assertThat(salt.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("source.mask_salt must be set"));
        ConfigException kind = problems(VALID.replace("columns: { exclude: [ secret ] }",
                "columns: { mask: { card: scramble } }"));
        assertThat(kind.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("'scramble' for column card is not one of hash, redact"));
        ConfigException keys = problems(VALID.replace("columns: { exclude: [ secret ] }",
                "columns: { exclude: [ id ] }"));
        assertThat(keys.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("mappings[0].redis.key");
            assertThat(p.message()).contains("names column id");
        });
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
        assertThat(config.redis().orElseThrow().username()).hasValue("writer");
        assertThat(config.redis().orElseThrow().tls().ca()).hasValue(ca.toAbsolutePath().normalize());
        assertThat(config.elasticsearch().orElseThrow().apiKey()).hasValue("ZXM6a2V5");
        assertThat(config.reader().ha().digest().orElseThrow().password()).isEqualTo("zk-pw");
        assertThat(config.reader().ha().authenticated()).isTrue();
        assertThat(config.reader().ha().digest().orElseThrow().toString()).doesNotContain("zk-pw");
    }

    @Test
    void rejectsAnUnknownKeyListingTheValidOnesWithItsLine() {
        ConfigException e = problems(VALID.replace("  server_id: 5401", "  server_id: 5401\n  serverid: 7"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.key()).isEqualTo("source.serverid");
            assertThat(p.message()).contains("unknown key 'serverid'").contains("server_id", "start_gtid", "url");
        });
        assertThat(e.getMessage()).contains("test.yaml:6: source.serverid");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String yaml = """
                source:
                  id: "bad id!"
                  url: postgres://x
                  server_id: 0
                kafka:
                  bootstrap: 127.0.0.1:9092
                  partitions: many
                  compression: brotli
                mappings:
                  - table: orders
                    redis: { key: "order:{id", ttl: soon }
                """;
        ConfigException e = problems(yaml);
        assertThat(e.problems()).extracting(ConfigProblem::key).contains("source.id", "source.url",
                "source.server_id", "kafka.partitions", "kafka.compression", "mappings[0].table",
                "mappings[0].redis.key", "mappings[0].redis.ttl");
        assertThat(e.problems()).filteredOn(p -> p.key().equals("kafka.partitions")).singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(7);
                    assertThat(p.message()).contains("'many' is not a whole number");
                });
        assertThat(e.problems()).filteredOn(p -> p.key().equals("source.server_id")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("between 1 and 4294967295"));
        assertThat(e.problems()).filteredOn(p -> p.key().equals("kafka.compression")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("none, gzip, snappy, lz4, zstd"));
    }

    @Test
    void readsTheFailoverSettingsAndRefusesMalformedOnes() {
        MySyncConfig config = loader.read("test.yaml", VALID.replace("  server_id: 5401\n", """
                  server_id: 5401
                  candidates: [ 10.0.0.12:3306, db-b.internal:3307 ]
                  anchor: on
                  anchor_interval: 500ms
                """));
        assertThat(config.source().endpoints()).containsExactly("127.0.0.1:3306", "10.0.0.12:3306",
                "db-b.internal:3307");
        assertThat(config.source().at("db-b.internal:3307").port()).isEqualTo(3307);
        assertThat(config.source().anchorInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.source().rewindTo()).isEmpty();

        ConfigException e = problems(VALID.replace("  server_id: 5401\n", """
                  server_id: 5401
                  candidates: [ 10.0.0.12 ]
                  anchor_interval: 10ms
                  rewind_to: yesterday
                """));
        assertThat(e.problems()).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("source.candidates", "source.anchor_interval", "source.rewind_to");
        assertThat(e.getMessage()).contains("'10.0.0.12' is not HOST:PORT").contains("at least 100ms")
                .contains("'yesterday' is not an instant like 2026-11-21T10:15:00Z");
    }

    @Test
    void reportsMissingSectionsAndRequiredKeys() {
        ConfigException e = problems("""
                source:
                  id: shop
                mappings:
                  - table: shop.orders
                    redis: { type: hash }
                """);
        assertThat(e.problems()).extracting(ConfigProblem::key)
                .contains("kafka", "source.url", "source.server_id", "mappings[0].redis.key", "mappings[0].redis");
        assertThat(e.getMessage()).contains("missing section 'kafka'").contains("no sinks.redis section");
    }

    @Test
    void namesAnUnsetEnvironmentVariable() {
        ConfigException e = new ConfigException(java.util.List.of());
        try {
            new ConfigLoader(Map.of()).read("test.yaml", VALID);
        } catch (ConfigException refused) {
            e = refused;
        }
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("source.password");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("environment variable DB_PASSWORD is not set");
        });
    }

    @Test
    void usesEnvironmentDefaults() {
        MySyncConfig config = new ConfigLoader(Map.of()).read("test.yaml",
                VALID.replace("${DB_PASSWORD}", "${DB_PASSWORD:-fallback}"));
        assertThat(config.source().password()).isEqualTo("fallback");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        ConfigException e = problems("source:\n  id: shop\n   url: [unclosed\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isBetween(2, 4);
            assertThat(p.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void rejectsAListWhereAValueBelongsAndDuplicateKeys() {
        ConfigException e = problems(VALID.replace("  server_id: 5401", "  server_id: [1, 2]\n  id: again"));
        assertThat(e.problems()).extracting(ConfigProblem::key).contains("source.server_id", "source.id");
        assertThat(e.getMessage()).contains("appears twice");
    }

    @Test
    void requiresTheStartDetailsOfTheChosenStartMode() {
        ConfigException e = problems(VALID.replace("  server_id: 5401", "  server_id: 5401\n  start: gtid"));
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("source.start_gtid");
    }

    @Test
    void failsClearlyOnAMissingFile() {
        assertThatThrownBy(() -> ConfigLoader.load(java.nio.file.Path.of("/nonexistent/mysync.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read the file");
    }

    @Test
    void alertThresholdsOfASinkFallBackToTheSharedOnesKeyByKey() {
        MySyncConfig config = loader.read("test.yaml", VALID + """
                alerts:
                  webhook: http://127.0.0.1:9000/alert
                  source_lag: { warn: 10s, critical: 1m, for: 5s }
                  sink_lag: { warn: 20s, critical: 2m, for: 30s }
                  redis: { critical: 90s }
                metrics: { port: 0 }
                """);
        var monitoring = config.monitoring();
        assertThat(monitoring.webhook()).hasValueSatisfying(u -> assertThat(u.toString())
                .isEqualTo("http://127.0.0.1:9000/alert"));
        assertThat(monitoring.sourceLag().warn()).isEqualTo(Duration.ofSeconds(10));
        assertThat(monitoring.sinkLag("redis").warn()).isEqualTo(Duration.ofSeconds(20));
        assertThat(monitoring.sinkLag("redis").critical()).isEqualTo(Duration.ofSeconds(90));
        assertThat(monitoring.sinkLag("redis").holdFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(monitoring.sinkLag("hbase").critical()).isEqualTo(Duration.ofMinutes(2));
        assertThat(monitoring.metricsPort()).isZero();
        assertThat(monitoring.metricsEnabled()).isTrue();
    }

    @Test
    void namedTablesAreTheCapturedTablesMappingsNameInFull() {
        MySyncConfig config = loader.read("test.yaml", VALID
                + "  - table: shop.orders\n    redis: { key: \"o2:{id}\" }\n"
                + "  - table: shop.*\n    redis: { key: \"shop:{table}:{id}\" }\n"
                + "  - table: shop.items\n    redis: { key: \"i:{id}\" }\n"
                + "  - table: audit.log\n    redis: { key: \"log:{id}\" }\n"
                + "filters: { exclude: [ audit.* ] }\n");
        assertThat(config.namedTables()).containsExactly(new TablePattern.Named("shop", "orders"),
                new TablePattern.Named("shop", "items"));
        assertThat(TablePattern.of("shop").named()).isEmpty();
        assertThat(TablePattern.of("shop.").named()).isEmpty();
        assertThat(TablePattern.of("*.orders").named()).isEmpty();
    }

    @Test
    void schemaChangePoliciesDefaultToPropagateAndResyncAndRefuseOtherWords() {
        MySyncConfig config = loader.read("test.yaml", VALID.replace("    columns: { exclude: [ secret ] }\n",
                "    columns: { exclude: [ secret ] }\n    on_truncate: ignore\n    on_alter: stream\n")
                + "  - table: shop.*\n    redis: { key: \"shop:{table}:{id}\" }\n");
        var orders = config.mappings().get(0).schemaChanges();
        assertThat(orders.onTruncate()).isEqualTo(RowsGonePolicy.IGNORE);
        assertThat(orders.onDrop()).isEqualTo(RowsGonePolicy.PROPAGATE);
        assertThat(orders.onAlter()).isEqualTo(AlterPolicy.STREAM);
        assertThat(config.mappings().get(1).schemaChanges()).isEqualTo(SchemaChangePolicy.DEFAULT);
        // a pattern never captures the helper tables of gh-ost and pt-online-schema-change
        assertThat(config.captures("shop", "items")).isTrue();
        assertThat(config.captures("shop", "_items_gho")).isFalse();
        assertThat(config.captures("shop", "_items_20261122101010_del")).isFalse();
        assertThat(config.captures("shop", "__items_new")).isFalse();
        assertThat(loader.read("test.yaml", VALID + "  - table: shop._odd_old\n    redis: { key: \"o:{id}\" }\n")
                .captures("shop", "_odd_old")).isTrue();

        ConfigException e = problems(VALID.replace("    columns: { exclude: [ secret ] }\n",
                "    columns: { exclude: [ secret ] }\n    on_drop: delete\n"));
        assertThat(e.getMessage()).contains("mappings[0].on_drop", "delete");
    }

    @Test
    void aCriticalLagBelowTheWarningOneIsRefused() {
        ConfigException e = problems(VALID + """
                alerts:
                  sink_lag: { warn: 1m }
                  redis: { critical: 30s }
                  webhook: ftp://nowhere
                """);
        assertThat(e.getMessage()).contains("alerts.redis.critical", "below the warning lag", "alerts.webhook",
                "not an http(s) URL");
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
