package io.mysync.config;

import static io.mysync.config.testing.MemoStore.MEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.common.secret.Redaction;
import io.mysync.config.load.ConfigException;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.model.AlterPolicy;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.RowsGonePolicy;
import io.mysync.config.model.SchemaChangePolicy;
import io.mysync.config.model.StartMode;
import io.mysync.config.model.TablePattern;
import io.mysync.config.testing.MemoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
              memo:
                url: memo://notes
            mappings:
              - table: shop.orders
                columns: { exclude: [ secret ] }
                memo: { key: "order:{id}" }
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
        assertThat(config.mappings().get(0).options(MEMO)).hasValue(new MemoStore.Mapping("order:{id}"));
        assertThat(config.sink(MEMO)).hasValue(new MemoStore.Sink("memo://notes", Optional.empty()));
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

    /**
     * Secrets are masked by key, not by text: a password that is also the source's name leaves the name alone, and
     * values taken from a file or a credential's variable are masked wherever they land.
     */
    @Test
    void masksTheValuesOfSecretsNotTheTextOfOtherSettings(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sink-url"), "memo://from-a-file\n");
        Path file = Files.writeString(dir.resolve("mysync.yaml"), VALID.replace("${DB_PASSWORD}", "shop")
                .replace("url: memo://notes", "url: \"${file:sink-url}\"")
                .replace("server_id: 5401", "server_id: 5401\n  mask_salt: \"${MASK_SECRET}\""));
        MySyncConfig config = new ConfigLoader(Map.of("MASK_SECRET", "0123456789abcdef-salt")).read(file);
        assertThat(config.settings()).containsEntry("source.id", "shop")
                .containsEntry("mappings[0].table", "shop.orders").containsEntry("source.password", Redaction.MASK)
                .as("read from ${file:sink-url}, relative to the config file's directory")
                .containsEntry("sinks.memo.url", Redaction.MASK);
        assertThat(Redaction.redact("reading shop.orders")).isEqualTo("reading shop.orders");
        assertThat(Redaction.redact("sent to memo://from-a-file")).isEqualTo("sent to ******");
    }

    /** State MySync writes starts at $MYSYNC_STATE_DIR when set (image, units, Kubernetes), else beside the file. */
    @Test
    void statePathsStartAtTheStateDirectoryWhenOneIsSet(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("mysync.yaml"), VALID.replace("${DB_PASSWORD}", "pw"));
        MySyncConfig beside = new ConfigLoader(Map.of()).read(file);
        assertThat(beside.reader().checkpointDir()).isEqualTo(dir.resolve("checkpoints"));
        assertThat(beside.dump().stateDir()).isEqualTo(dir.resolve("dump-state"));
        MySyncConfig moved = new ConfigLoader(Map.of("MYSYNC_STATE_DIR", "/var/lib/mysync")).read(file);
        assertThat(moved.reader().checkpointDir()).isEqualTo(Path.of("/var/lib/mysync/checkpoints"));
        assertThat(moved.dump().stateDir()).isEqualTo(Path.of("/var/lib/mysync/dump-state"));
    }

    @Test
    void reportsEveryUnsetVariableOfOneValue() {
        ConfigException e = problems(VALID.replace("${DB_PASSWORD}", "${ONE}-${TWO}"));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("environment variable ONE is not set").contains("environment variable TWO is not set"));
    }

    @Test
    void aYamlErrorIsReportedWhereItsCauseIs() {
        ConfigException e = problems(VALID.replace("password: ${DB_PASSWORD}", "password: \"${DB_PASSWORD}")
                .replace("bootstrap: 127.0.0.1:9092", "bootstrap: \"127.0.0.1:9092\""));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).as(p.message()).isEqualTo(4);
            assertThat(p.message()).contains("double quote opened on line 4").contains("until line 7");
        });
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
        ConfigException three = problems(VALID.replace("  bootstrap: 127.0.0.1:9092", "  bootstrap: 127.0.0.1:9092\n"
                + "  producer: { acks: \"1\", enable.idempotence: \"false\", key.serializer: x }"));
        assertThat(three.problems()).as("every refused property of one value").singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'acks'", "'enable.idempotence'", "'key.serializer'"));
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

    /** A table takes one mapping: a second one that can match it is refused with the lines of both. */
    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({"shop.orders, shop.orders", "shop.*, shop.orders", "shop.orders, *.orders", "shop.order*, *.*s",
            "*.*, crm.people"})
    void refusesMappingsThatCanMatchTheSameTable(String first, String second) {
        ConfigException e = problems(VALID.replace("  - table: shop.orders\n", "  - table: \"" + first + "\"\n")
                + "  - table: \"" + second + "\"\n    columns: { exclude: [ card ] }\n    memo: { key: \"x:{id}\" }\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("mappings[1].table");
            assertThat(p.line()).isEqualTo(15);
            assertThat(p.message()).contains("mappings[0].table " + first + " (line 12)").contains("merge the two");
        });
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({"shop.orders, shop.order_items", "shop.*, crm.*", "shop.a*, shop.b*", "*.orders, *.items"})
    void acceptsMappingsOfDistinctTables(String first, String second) {
        MySyncConfig config = loader.read("test.yaml", VALID.replace("  - table: shop.orders\n",
                "  - table: \"" + first + "\"\n") + "  - table: \"" + second + "\"\n    memo: { key: \"x:{id}\" }\n");
        assertThat(config.mappings()).hasSize(2);
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
            assertThat(p.key()).isEqualTo("mappings[0].memo.key");
            assertThat(p.message()).contains("names column id");
        });
    }

    @Test
    void checksTheStoresAndServersLoginsTogether() {
        ConfigException e = problems(VALID.replace("    url: memo://notes", "    url: memo://nowhere\n    ca: /no/ca.pem")
                + """
                ha: { zookeeper: "zk:2181", username: mysync }
                metrics: { password: x }
                """);
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder("sinks.memo.url",
                "sinks.memo.ca", "ha.password", "metrics.username");
        assertThat(e.problems()).extracting(ConfigProblem::message)
                .anySatisfy(m -> assertThat(m).contains("the memo is nowhere"))
                .anySatisfy(m -> assertThat(m).contains("cannot read /no/ca.pem"));
    }

    @Test
    void aStoreThatIsNotInstalledIsAnUnknownSection() {
        ConfigException e = problems(VALID.replace("  memo:\n", "  cassandra: { hosts: [ c1 ] }\n  memo:\n"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).startsWith("sinks.cassandra");
            assertThat(p.message()).contains("unknown key 'cassandra' in sinks", "If 'cassandra' is a store, this "
                    + "install does not load it", "lib/stores/cassandra/", "MYSYNC_STORES");
        });
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
                    memo: { key: "order:{id", ttl: soon }
                """;
        ConfigException e = problems(yaml);
        assertThat(e.problems()).extracting(ConfigProblem::key).contains("source.id", "source.url",
                "source.server_id", "kafka.partitions", "kafka.compression", "mappings[0].table",
                "mappings[0].memo.key");
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
                    memo: { }
                  - table: shop.items
                """);
        assertThat(e.problems()).extracting(ConfigProblem::key)
                .contains("kafka", "source.url", "source.server_id", "mappings[0].memo.key", "mappings[0].memo",
                        "mappings[1]");
        assertThat(e.getMessage()).contains("missing section 'kafka'").contains("no sinks.memo section")
                .contains("maps to no store: add a memo: section");
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
                  memo: { critical: 90s }
                metrics: { port: 0 }
                """);
        var monitoring = config.monitoring();
        assertThat(monitoring.webhook()).hasValueSatisfying(u -> assertThat(u.toString())
                .isEqualTo("http://127.0.0.1:9000/alert"));
        assertThat(monitoring.sourceLag().warn()).isEqualTo(Duration.ofSeconds(10));
        assertThat(monitoring.sinkLag("memo").warn()).isEqualTo(Duration.ofSeconds(20));
        assertThat(monitoring.sinkLag("memo").critical()).isEqualTo(Duration.ofSeconds(90));
        assertThat(monitoring.sinkLag("memo").holdFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(monitoring.sinkLag("another").critical()).isEqualTo(Duration.ofMinutes(2));
        assertThat(monitoring.metricsPort()).isZero();
        assertThat(monitoring.metricsEnabled()).isTrue();
    }

    @Test
    void namedTablesAreTheCapturedTablesMappingsNameInFull() {
        MySyncConfig config = loader.read("test.yaml", VALID
                + "  - table: crm.*\n    memo: { key: \"crm:{table}:{id}\" }\n"
                + "  - table: shop.items\n    memo: { key: \"i:{id}\" }\n"
                + "  - table: audit.log\n    memo: { key: \"log:{id}\" }\n"
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
                + "  - table: crm.*\n    memo: { key: \"crm:{table}:{id}\" }\n");
        var orders = config.mappings().get(0).schemaChanges();
        assertThat(orders.onTruncate()).isEqualTo(RowsGonePolicy.IGNORE);
        assertThat(orders.onDrop()).isEqualTo(RowsGonePolicy.PROPAGATE);
        assertThat(orders.onAlter()).isEqualTo(AlterPolicy.STREAM);
        assertThat(config.mappings().get(1).schemaChanges()).isEqualTo(SchemaChangePolicy.DEFAULT);
        // a pattern never captures the helper tables of gh-ost and pt-online-schema-change
        assertThat(config.captures("crm", "items")).isTrue();
        assertThat(config.captures("crm", "_items_gho")).isFalse();
        assertThat(config.captures("crm", "_items_20261122101010_del")).isFalse();
        assertThat(config.captures("crm", "__items_new")).isFalse();
        assertThat(loader.read("test.yaml", VALID + "  - table: shop._odd_old\n    memo: { key: \"o:{id}\" }\n")
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
                  memo: { critical: 30s }
                  webhook: ftp://nowhere
                """);
        assertThat(e.getMessage()).contains("alerts.memo.critical", "below the warning lag", "alerts.webhook",
                "not an http(s) URL");
    }

}
