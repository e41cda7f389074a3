package io.mysync.it;

import static io.mysync.writer.redis.RedisSettings.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoSchema;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.dev.demo.SecureDemoConfig;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.dev.compare.ComparisonResult;
import io.mysync.dev.compare.ElasticsearchComparison;
import io.mysync.dev.compare.HBaseComparison;
import io.mysync.dev.compare.RedisComparison;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.common.tls.PemTls;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.writer.redis.RedisSinkConfig;
import io.mysync.reader.ha.SharedCheckpoint;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.SandboxCertificates;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.ElasticsearchTlsProxy;
import io.mysync.sandbox.server.KafkaServer;
import io.mysync.sandbox.server.RedisServer;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

/**
 * The pipeline against servers that require TLS and credentials, and each wrong CA, wrong host and missing TLS
 * refused with one line naming the setting (exit 3) before anything is written.
 */
@ExtendWith(SandboxExtension.class)
class SecureConnectionsIT {

    @TempDir
    Path dir;

    /** A user created with REQUIRE SSL streams over TLS whose certificate and host name are checked. */
    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void streamsOverVerifiedTlsAsAUserThatRequiresIt(String flavor) throws Exception {
        SqlServer server = server(flavor);
        ShopFixture shop = new ShopFixture(server, dir).withConfig(source(SqlServer.TLS_USER,
                "{ mode: verify_identity, ca: " + tls().caCertificate() + " }"));
        runWorkload(shop, 300);
        shop.assertRedisEqualsSource();
    }

    /** A user created with REQUIRE X509 gets in with the client certificate and key (PEM). */
    @Test
    void streamsWithAClientCertificate() throws Exception {
        SqlServer server = TestEnv.sandbox().mariadb();
        ShopFixture shop = new ShopFixture(server, dir).withConfig(source(SqlServer.X509_USER,
                "{ mode: verify_ca, ca: " + tls().caCertificate() + ", cert: " + tls().clientCertificate()
                        + ", key: " + tls().clientKey() + " }"));
        runWorkload(shop, 100);
        shop.assertRedisEqualsSource();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void aCertificateFromAnotherCaIsRefusedInOneLine(String flavor) throws Exception {
        ShopFixture shop = new ShopFixture(server(flavor), dir).withConfig(source(SqlServer.TLS_USER,
                "{ mode: verify_ca, ca: " + tls().otherCaCertificate() + " }"));
        CliRun refusal = refusedReader(shop);
        assertThat(refusal.code()).isEqualTo(3);
        assertThat(refusal.errorLine()).contains("not signed by a trusted CA").contains("source.ssl.ca")
                .doesNotContain("Exception:\n");
        assertNothingPublished(shop);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void aHostTheCertificateDoesNotNameIsRefusedInOneLine(String flavor) throws Exception {
        ShopFixture shop = new ShopFixture(server(flavor), dir).withConfig(source(SqlServer.TLS_USER,
                "{ mode: verify_identity, ca: " + tls().caCertificate() + " }")
                .andThen(yaml -> yaml.replace("@127.0.0.1:", "@localhost:"))::apply);
        CliRun refusal = refusedReader(shop);
        assertThat(refusal.code()).isEqualTo(3);
        assertThat(refusal.errorLine()).contains("does not name the host").contains("source.ssl");
        assertNothingPublished(shop);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void aUserThatRequiresTlsWithTlsDisabledIsRefusedInOneLine(String flavor) throws Exception {
        ShopFixture shop = new ShopFixture(server(flavor), dir).withConfig(source(SqlServer.TLS_USER,
                "{ mode: disabled }"));
        CliRun refusal = refusedReader(shop);
        assertThat(refusal.code()).isEqualTo(3);
        assertThat(refusal.errorLine()).contains("source.ssl.mode");
        assertNothingPublished(shop);
    }

    /**
     * The reader's MySQL user logs in with caching_sha2_password, the only method MySQL 9.x has. Without TLS its
     * password exchange needs the server's RSA key: refused in one line naming both fixes while the settings forbid
     * fetching it, streaming (binlog and every SQL connection) once {@code source.allow_public_key_retrieval} allows
     * it. {@code FLUSH PRIVILEGES} empties the server's cache of past logins, which would otherwise skip the exchange.
     */
    @Test
    void aCachingSha2UserWithoutTlsNeedsPublicKeyRetrieval() throws Exception {
        SqlServer server = TestEnv.sandbox().mysql();
        assertThat(server.sql("SELECT plugin FROM mysql.user WHERE user = 'mysync'")).isEqualTo("caching_sha2_password");
        server.sql("FLUSH PRIVILEGES");
        ShopFixture refused = new ShopFixture(server, dir).withConfig(source("mysync", "{ mode: disabled }"));
        CliRun refusal = refusedReader(refused);
        assertThat(refusal.code()).isEqualTo(3);
        assertThat(refusal.errorLine()).contains("caching_sha2_password").contains("source.ssl.mode")
                .contains("source.allow_public_key_retrieval").doesNotContain("Exception:\n");
        assertNothingPublished(refused);

        server.sql("FLUSH PRIVILEGES");
        ShopFixture allowed = new ShopFixture(server, dir.resolve("allowed")).withConfig(source("mysync",
                "{ mode: disabled }").andThen(yaml -> yaml.replace("  server_id:",
                "  allow_public_key_retrieval: true\n  server_id:"))::apply);
        runWorkload(allowed, 200);
        System.out.println("SecureConnectionsIT caching_sha2_password without TLS: "
                + allowed.assertRedisEqualsSource());
    }

    /**
     * The sandbox's secure profile ({@code sandbox start --secure}): the dump, a reader with HA and all three
     * writers, each server requiring TLS and a credential (a REQUIRE SSL MariaDB user verified against the CA, Kafka
     * SASL_SSL with the reader's and the writer's own SCRAM principals and ACLs, ZooKeeper digest login, Redis TLS
     * as an ACL user, Elasticsearch HTTPS with an API key), the secrets read from files. Every store equals the
     * source row by row; status and dlq list work; the ACLs let each principal do its job and nothing else; the
     * checkpoint znode is closed to anyone else.
     */
    @Test
    void theWholePipelineWithEveryServerRequiringTlsAndACredential() throws Exception {
        Sandbox sandbox = TestEnv.sandbox();
        SqlServer server = sandbox.mariadb();
        String source = TestEnv.unique("sec");
        String database = TestEnv.unique("secshop");
        try (Connection c = TestEnv.root(server, "")) {
            DemoSchema.create(c, database);
        }
        Connection writes = TestEnv.root(server, database);
        DemoWorkload workload = new DemoWorkload(writes, database);
        workload.run(100, n -> { }); // rows for the dump
        SecureDemoConfig.Profile profile = SecureDemoConfig.write(dir, sandbox, source, database,
                "/mysync-secure-it", "start: latest");
        MySyncConfig readerConfig = TestEnv.load(profile.reader());
        MySyncConfig writerConfig = TestEnv.load(profile.writer());
        assertThat(readerConfig.settings().toString()).doesNotContain(KafkaServer.READER_PASSWORD)
                .doesNotContain(SqlServer.PASSWORD);
        // least privilege: the reader's file names the stores its mappings write to, and holds no login to them
        assertThat(Files.readString(profile.reader())).doesNotContain("redis-password", "elasticsearch-api-key",
                "kafka-writer-password", sandbox.certificates().clientKey().toString());
        assertThat(readerConfig.sinks()).containsKeys("redis", "elasticsearch", "hbase");

        assertThat(CliRun.of("dump", "--config", profile.reader().toString()).code()).isZero();
        try (Pipeline reader = new Pipeline(readerConfig, true, Set.of(), false).start();
             Pipeline writers = new Pipeline(writerConfig, false, Set.of(), true).start()) {
            workload.run(200, n -> { });
            writes.close();
            Position end;
            try (Connection c = TestEnv.root(server, "")) {
                end = CatchUp.sourceEnd(c);
            }
            CheckpointStore latest = new CheckpointStore() { // read afresh each time: a store of one term fences
                @Override
                public Optional<Checkpoint> load(String sourceId) {
                    try (SharedCheckpoint checkpoint = SharedCheckpoint.open(writerConfig)) {
                        return checkpoint.load(sourceId);
                    }
                }

                @Override
                public void save(Checkpoint checkpoint) {
                    throw new UnsupportedOperationException("the test only reads the checkpoint");
                }
            };
            for (String sink : List.of("redis", "elasticsearch", "hbase")) {
                CatchUp.await(writerConfig, latest, end, sink, Duration.ofMinutes(2));
            }
            assertThat(reader.fatal()).isNull();
            assertThat(writers.fatal()).isNull();

            CliRun status = CliRun.of("status", "--config", profile.writer().toString());
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out() + status.err()).contains(source).doesNotContain(KafkaServer.WRITER_PASSWORD)
                    .doesNotContain(ElasticsearchTlsProxy.API_KEY);
            CliRun letters = CliRun.of("dlq", "list", "--config", profile.writer().toString());
            assertThat(letters.code()).as(letters.err()).isZero();
            assertThat(letters.out()).contains("No dead letters");
        }
        try (Connection db = TestEnv.root(server, database);
             Jedis redis = new Jedis("127.0.0.1", sandbox.redis().port())) {
            for (String table : DemoSchema.TABLES) {
                List<String> key = List.of(DemoSchema.PRIMARY_KEYS.get(table));
                for (ComparisonResult result : List.of(
                        RedisComparison.compare(db, redis, writerConfig.mappingOf(database, table).orElseThrow(),
                                database, table),
                        ElasticsearchComparison.compare(db, sandbox.elasticsearch().url(), source + "_" + table, key,
                                database, table),
                        HBaseComparison.compare(db, Stores.hbase(), source + "_" + table, "d", key, database,
                                table))) {
                    assertThat(result.clean()).as(table + ": " + result).isTrue();
                    assertThat(result.rowsChecked()).isPositive();
                }
            }
        }

        // the writer's principal may not publish events, the reader's may not touch another source's topics
        String topic = "mysync." + source + "." + database + ".customers";
        assertThat(send(writerConfig, topic)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(send(readerConfig, "mysync." + TestEnv.unique("other") + ".db.t"))
                .isInstanceOf(TopicAuthorizationException.class);
        // and the checkpoint is MySync's identity's only
        try (CuratorFramework anonymous = CuratorFrameworkFactory.newClient(sandbox.zookeeper().endpoint(),
                new ExponentialBackoffRetry(200, 3))) {
            anonymous.start();
            assertThatThrownBy(() -> anonymous.setData().forPath("/mysync-secure-it/" + source + "/checkpoint",
                    new byte[] {1})).isInstanceOf(KeeperException.NoAuthException.class);
        }
    }

    @Test
    void aWrongKafkaPasswordIsRefusedInOneLine() throws Exception {
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir);
        TestEnv.sandbox().kafka().grant(shop.sourceId);
        String original = Files.readString(shop.configFile);
        String wrong = kafkaAs(original, KafkaServer.READER_USER, "not-the-password");
        CliRun refusal = refusedReader(shop.withConfig(yaml -> wrong));
        assertThat(refusal.code()).isEqualTo(3);
        assertThat(refusal.errorLine()).startsWith("Kafka at " + TestEnv.sandbox().kafka().secureEndpoint()
                + " refused the login").contains("sasl.jaas.config");
        assertThat(refusal.err()).doesNotContain("not-the-password");
        assertNothingPublished(shop);
    }

    /** The config with its Kafka section pointed at the secure listener as {@code user}. */
    private String kafkaAs(String yaml, String user, String password) throws Exception {
        Path secret = dir.resolve(user + ".password");
        Files.writeString(secret, password + "\n");
        KafkaServer kafka = TestEnv.sandbox().kafka();
        return yaml.replace("  bootstrap: " + kafka.endpoint() + "\n", "  bootstrap: " + kafka.secureEndpoint() + "\n"
                + "  properties:\n"
                + "    security.protocol: SASL_SSL\n"
                + "    sasl.mechanism: SCRAM-SHA-512\n"
                + "    sasl.jaas.config: \"org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\\\"" + user + "\\\" password=\\\"${file:" + secret + "}\\\";\"\n"
                + "    ssl.truststore.type: PEM\n"
                + "    ssl.truststore.location: " + tls().caCertificate() + "\n");
    }

    /** What sending one record to {@code topic} as the config's principal ends with. */
    private static Throwable send(MySyncConfig config, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config.kafka().clients().producer(Map.of(
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName(), "max.block.ms", 10_000)))) {
            producer.send(new ProducerRecord<>(topic, new byte[] {1}, new byte[] {1})).get(30, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            return e instanceof ExecutionException ? e.getCause() : e;
        }
    }

    private static SqlServer server(String flavor) throws Exception {
        return TestEnv.server(flavor);
    }

    private static SandboxCertificates tls() throws Exception {
        return TestEnv.sandbox().certificates();
    }

    /**
     * Redis over TLS with a client certificate, as an ACL user that may touch only this source's keys and their
     * seq companions: the pipeline works, and the user can write nothing else.
     */
    @Test
    void redisOverTlsAsAnAclUserLimitedToItsKeys() throws Exception {
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir);
        RedisServer redis = TestEnv.sandbox().redis();
        String user = shop.sourceId + "-writer";
        String password = "redis-pw-" + shop.sourceId;
        redis.aclUser(user, password, List.of(shop.sourceId + ":*", "__mysync:seq:{*}" + shop.sourceId + ":*"));
        shop = shop.withConfig(redisAs(user, password, "{ ca: " + tls().caCertificate() + ", cert: "
                + tls().clientCertificate() + ", key: " + tls().clientKey() + " }"));
        runWorkload(shop, 200);
        shop.assertRedisEqualsSource();

        RedisSinkConfig config = shop.config.sink(REDIS).orElseThrow();
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", redis.tlsPort()), DefaultJedisClientConfig
                .builder().ssl(true).sslSocketFactory(PemTls.context(Optional.of(tls().caCertificate()),
                        Optional.empty(), Optional.empty(), true).getSocketFactory())
                .user(user).password(password).build())) {
            assertThatThrownBy(() -> jedis.set("someone-else:1", "x")).hasMessageContaining("NOPERM");
            // a page of SCAN may hold none of them in a large keyspace: scan until one shows or the scan ends
            List<String> own = new java.util.ArrayList<>();
            String cursor = "0";
            do {
                var page = jedis.scan(cursor, new ScanParams().match(shop.sourceId + ":*").count(1000));
                own.addAll(page.getResult());
                cursor = page.getCursor();
            } while (own.isEmpty() && !cursor.equals("0"));
            assertThat(own).as("its own keys it may read").isNotEmpty();
        }
        assertThat(config.username()).hasValue(user);
    }

    @Test
    void aWrongRedisPasswordStopsTheWriterInOneLine() throws Exception {
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir);
        String user = shop.sourceId + "-writer";
        TestEnv.sandbox().redis().aclUser(user, "the-right-password", List.of(shop.sourceId + ":*"));
        CliRun refusal = run("writer", shop.withConfig(redisAs(user, "not-the-password",
                "{ ca: " + tls().caCertificate() + " }")));
        assertThat(refusal.code()).isEqualTo(3);
        assertThat(refusal.errorLine()).startsWith("Redis at rediss://").contains("refused user '" + user + "'")
                .contains("sinks.redis.password");
        assertThat(refusal.err()).doesNotContain("not-the-password");
    }

    @Test
    void aRedisCertificateFromAnotherCaStopsTheWriterInOneLine() throws Exception {
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir);
        String user = shop.sourceId + "-writer";
        TestEnv.sandbox().redis().aclUser(user, "pw-" + shop.sourceId, List.of(shop.sourceId + ":*"));
        CliRun refusal = run("writer", shop.withConfig(redisAs(user, "pw-" + shop.sourceId,
                "{ ca: " + tls().otherCaCertificate() + " }")));
        assertThat(refusal.code()).isEqualTo(3);
        assertThat(refusal.errorLine()).contains("not signed by a trusted CA").contains("sinks.redis.ssl");
    }

    /**
     * Elasticsearch behind HTTPS that requires a credential, under a path prefix: with an API key and the CA file,
     * and with basic credentials and the CA's SHA-256 fingerprint, the indices equal the source row by row.
     */
    @ParameterizedTest
    @ValueSource(strings = {"api key and CA file", "basic and CA fingerprint"})
    void elasticsearchOverHttpsWithACredentialUnderAPathPrefix(String login) throws Exception {
        StoresFixture stores = new StoresFixture(TestEnv.sandbox().mariadb(), dir, "");
        MySyncConfig config = ConfigLoader.load(Files.writeString(stores.configFile, elasticsearchAs(
                Files.readString(stores.configFile), login.startsWith("api")
                        ? "api_key: \"${file:" + secret("es.key", ElasticsearchTlsProxy.API_KEY) + "}\", ssl: { ca: "
                        + tls().caCertificate() + " }"
                        : "username: " + ElasticsearchTlsProxy.USER + ", password: \"${file:"
                        + secret("es.password", ElasticsearchTlsProxy.PASSWORD) + "}\", ssl: { ca_fingerprint: \""
                        + fingerprint(tls().caCertificate()) + "\" }")));
        try (Pipeline pipeline = new Pipeline(config, true, Set.of("elasticsearch"), true).start()) {
            try (Connection db = TestEnv.root(stores.server, stores.database)) {
                new DemoWorkload(db, stores.database).run(150, n -> { });
            }
            stores.awaitCaughtUp(config, Duration.ofMinutes(2), "elasticsearch");
            assertThat(pipeline.fatal()).isNull();
        }
        try (Connection db = TestEnv.root(stores.server, stores.database)) {
            for (String table : DemoSchema.TABLES) {
                ComparisonResult es = ElasticsearchComparison.compare(db, TestEnv.sandbox().elasticsearch().url(),
                        stores.source + "_" + table, StoresFixture.KEYS.get(table), stores.database, table);
                assertThat(es.clean()).as("Elasticsearch " + table + ": " + es).isTrue();
                assertThat(es.rowsChecked()).isPositive();
            }
        }
    }

    @Test
    void aWrongElasticsearchApiKeyStopsTheWriterInOneLine() throws Exception {
        StoresFixture stores = new StoresFixture(TestEnv.sandbox().mariadb(), dir, "");
        Files.writeString(stores.configFile, elasticsearchAs(Files.readString(stores.configFile),
                "api_key: bm90LXRoZS1rZXk=, ssl: { ca: " + tls().caCertificate() + " }"));
        CliRun refusal = CliRun.of("writer", "--config", stores.configFile.toString());
        assertThat(refusal.code()).isEqualTo(3);
        assertThat(refusal.errorLine()).startsWith("Elasticsearch refused the login (401").contains("api_key");
        assertThat(refusal.err()).doesNotContain("bm90LXRoZS1rZXk=");
    }

    @Test
    void anElasticsearchCertificateFromAnotherCaStopsTheWriterInOneLine() throws Exception {
        StoresFixture stores = new StoresFixture(TestEnv.sandbox().mariadb(), dir, "");
        Files.writeString(stores.configFile, elasticsearchAs(Files.readString(stores.configFile),
                "api_key: " + ElasticsearchTlsProxy.API_KEY + ", ssl: { ca: " + tls().otherCaCertificate() + " }"));
        CliRun refusal = CliRun.of("writer", "--config", stores.configFile.toString());
        assertThat(refusal.code()).isEqualTo(3);
        assertThat(refusal.errorLine()).contains("not signed by a trusted CA").contains("sinks.elasticsearch.ssl.ca");
    }

    /** The Elasticsearch section of a {@link StoresFixture} config pointed at the HTTPS proxy with {@code login}. */
    private static String elasticsearchAs(String yaml, String login) throws Exception {
        String plain = "hosts: [ \"" + TestEnv.sandbox().elasticsearch().url() + "\" ]";
        assertThat(yaml).contains(plain);
        return yaml.replace(plain, "hosts: [ \"" + TestEnv.sandbox().elasticsearchProxy().url() + "\" ], " + login);
    }

    private Path secret(String name, String value) throws Exception {
        return Files.writeString(dir.resolve(name), value + "\n");
    }

    private static String fingerprint(Path pem) throws Exception {
        byte[] der = PemTls.certificates(pem).get(0).getEncoded();
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    /** The Redis section pointed at the TLS port as {@code user}, the password read from a mounted file. */
    private UnaryOperator<String> redisAs(String user, String password, String ssl) throws Exception {
        Path secret = dir.resolve("redis.password");
        Files.writeString(secret, password + "\n");
        String plain = "    url: " + TestEnv.sandbox().redis().url() + "\n";
        String secure = "    url: " + TestEnv.sandbox().redis().tlsUrl() + "\n    username: " + user
                + "\n    password: ${file:" + secret + "}\n    ssl: " + ssl + "\n";
        return yaml -> yaml.replace(plain, secure);
    }

    /** The source section as {@code user} with {@code ssl}. */
    private static UnaryOperator<String> source(String user, String ssl) {
        return yaml -> yaml.replace("mysync@", user + "@")
                .replace("  server_id:", "  ssl: " + ssl + "\n  server_id:");
    }

    private static void runWorkload(ShopFixture shop, int changes) throws Exception {
        try (Pipeline pipeline = new Pipeline(shop.config, true, Set.of(), true).start()) {
            try (Connection db = TestEnv.root(shop.server, shop.database)) {
                new DemoWorkload(db, shop.database).run(changes, n -> { });
            }
            shop.awaitCaughtUp(Duration.ofMinutes(2));
            assertThat(pipeline.fatal()).isNull();
        }
    }

    /**
     * {@code mysync reader} after a row was written that a working reader would publish at once (its table's topic
     * would exist).
     */
    private static CliRun refusedReader(ShopFixture shop) throws Exception {
        TestEnv.execute(shop.server, shop.database, "INSERT INTO customers (id, name, balance, created_at) "
                + "VALUES (424242, 'Would be published', 1.00, '2024-01-01 00:00:00')");
        return run("reader", shop);
    }

    /** A refused reader wrote nothing: no topic of its source exists. */
    private static void assertNothingPublished(ShopFixture shop) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestEnv.sandbox().kafka().endpoint()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .noneMatch(topic -> topic.contains(shop.sourceId));
        }
    }

    /** {@code mysync COMMAND --config FILE} in this JVM; a refusal ends it. */
    private static CliRun run(String command, ShopFixture shop) {
        return CliRun.of(command, "--config", shop.configFile.toString());
    }
}
