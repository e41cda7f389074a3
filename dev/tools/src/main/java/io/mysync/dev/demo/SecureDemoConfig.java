package io.mysync.dev.demo;

import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.SandboxCertificates;
import io.mysync.sandbox.server.ElasticsearchTlsProxy;
import io.mysync.sandbox.server.KafkaServer;
import io.mysync.sandbox.server.SqlServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox's secure profile for the demo schema: a reader and a writer config in which every connection uses TLS
 * and a credential of its own (a {@code REQUIRE SSL} MariaDB user verified against the sandbox CA, Kafka SASL_SSL as
 * the reader's or the writer's SCRAM principal with their ACLs, ZooKeeper digest login with HA on, Redis TLS as an
 * ACL user limited to the source's keys, Elasticsearch HTTPS with an API key), the secrets in files as Kubernetes
 * mounts them. Used by {@code mysync sandbox start --secure} and by {@code SecureConnectionsIT}.
 */
public final class SecureDemoConfig {

    /** The two files and where their secrets are. */
    public record Profile(Path reader, Path writer, Path secrets) {
    }

    public static final String ZOOKEEPER_USER = "mysync";

    private SecureDemoConfig() {
    }

    /**
     * Grants the source's Kafka ACLs and Redis ACL user, writes the secrets and both configs under {@code dir}.
     *
     * @param start the {@code source:} lines that choose the start, e.g. {@code start: latest}
     */
    public static Profile write(Path dir, Sandbox sandbox, String sourceId, String database, String haRoot,
                               String start) throws Exception {
        Path secrets = dir.resolve("secrets");
        Files.createDirectories(secrets);
        String redisUser = sourceId + "-writer";
        String redisPassword = "redis-pw-" + sourceId;
        secret(secrets, "mysql-password", SqlServer.PASSWORD);
        secret(secrets, "kafka-reader-password", KafkaServer.READER_PASSWORD);
        secret(secrets, "kafka-writer-password", KafkaServer.WRITER_PASSWORD);
        secret(secrets, "zookeeper-password", "zk-pw-" + sourceId);
        secret(secrets, "redis-password", redisPassword);
        secret(secrets, "elasticsearch-api-key", ElasticsearchTlsProxy.API_KEY);
        sandbox.kafka().grant(sourceId);
        sandbox.redis().aclUser(redisUser, redisPassword, List.of(sourceId + ":*", "__mysync:seq:{*}" + sourceId + ":*"));
        Path reader = dir.resolve("reader.yaml");
        Path writer = dir.resolve("writer.yaml");
        Files.writeString(reader, yaml(sandbox, sourceId, database, haRoot, start, redisUser, secrets,
                KafkaServer.READER_USER, "kafka-reader-password", false));
        Files.writeString(writer, yaml(sandbox, sourceId, database, haRoot, start, redisUser, secrets,
                KafkaServer.WRITER_USER, "kafka-writer-password", true));
        return new Profile(reader, writer, secrets);
    }

    private static void secret(Path dir, String name, String value) throws IOException {
        Files.writeString(dir.resolve(name), value + "\n");
    }

    /**
     * @param storeLogins whether the file holds the stores' credentials: the writer's does; the reader's names the
     *                    stores (its mappings need them) but holds no store secret, so a reader host has none
     */
    private static String yaml(Sandbox sandbox, String sourceId, String database, String haRoot, String start,
                               String redisUser, Path secrets, String kafkaUser, String kafkaSecret,
                               boolean storeLogins) {
        SandboxCertificates tls = sandbox.certificates();
        StringBuilder mappings = new StringBuilder();
        for (String table : DemoSchema.TABLES) {
            mappings.append("  - table: ").append(database).append('.').append(table).append('\n')
                    .append("    redis: { key: \"").append(sourceId).append(':').append(table).append(":{")
                    .append(DemoSchema.PRIMARY_KEYS.get(table)).append("}\", type: hash }\n")
                    .append("    elasticsearch: { index: \"").append(sourceId).append('_').append(table)
                    .append("\" }\n")
                    .append("    hbase: { table: \"").append(sourceId).append('_').append(table).append("\" }\n");
        }
        return """
                # The sandbox's secure profile (mysync sandbox start --secure): TLS and a credential on every
                # connection, secrets read from files. This file runs as Kafka principal %1$s.
                source:
                  id: %2$s
                  url: mariadb://%3$s@127.0.0.1:%4$d
                  password: "${file:%5$s/mysql-password}"
                  server_id: %6$d
                  ssl: { mode: verify_identity, ca: %7$s }
                  %8$s
                kafka:
                  bootstrap: %9$s
                  partitions: 4
                  replication_factor: 1
                  properties:
                    security.protocol: SASL_SSL
                    sasl.mechanism: SCRAM-SHA-512
                    sasl.jaas.config: "org.apache.kafka.common.security.scram.ScramLoginModule required username=\\"%1$s\\" password=\\"${file:%5$s/%10$s}\\";"
                    ssl.truststore.type: PEM
                    ssl.truststore.location: %7$s
                ha:
                  zookeeper: %11$s
                  root: %12$s
                  username: %13$s
                  password: "${file:%5$s/zookeeper-password}"
                checkpoint:
                  interval: 200ms
                writer:
                  poll_timeout: 100ms
                  retry_backoff: 100ms
                  retry_backoff_max: 1s
                  session_timeout: 6s
                metrics:
                  bind: 127.0.0.1
                  port: 0
                sinks:
                %14$s
                mappings:
                %15$s""".formatted(kafkaUser, sourceId, SqlServer.TLS_USER, sandbox.mariadb().port(), secrets,
                55000 + (sourceId.hashCode() & 0xFFF), tls.caCertificate(), start, sandbox.kafka().secureEndpoint(),
                kafkaSecret, sandbox.zookeeper().endpoint(), haRoot, ZOOKEEPER_USER,
                storeLogins ? sinksWithLogins(sandbox, redisUser, secrets) : sinksWithoutSecrets(sandbox), mappings);
    }

    private static String sinksWithLogins(Sandbox sandbox, String redisUser, Path secrets) {
        SandboxCertificates tls = sandbox.certificates();
        return """
                  redis:
                    url: %1$s
                    username: %2$s
                    password: "${file:%3$s/redis-password}"
                    ssl: { ca: %4$s, cert: %5$s, key: %6$s }
                  elasticsearch:
                    hosts: [ "%7$s" ]
                    api_key: "${file:%3$s/elasticsearch-api-key}"
                    ssl: { ca: %4$s }
                    index_replicas: 0
                    timeout: 10s
                  hbase:
                    zookeeper: "%8$s"
                    timeout: 10s""".formatted(sandbox.redis().tlsUrl(), redisUser, secrets, tls.caCertificate(),
                tls.clientCertificate(), tls.clientKey(), sandbox.elasticsearchProxy().url(),
                sandbox.hbase().zookeeperQuorum()).indent(2);
    }

    /** Where the stores are, which the mappings need, and nothing that logs in to them. */
    private static String sinksWithoutSecrets(Sandbox sandbox) {
        return """
                  redis: { url: %s }
                  elasticsearch: { hosts: [ "%s" ] }
                  hbase: { zookeeper: "%s" }""".formatted(sandbox.redis().tlsUrl(),
                sandbox.elasticsearchProxy().url(), sandbox.hbase().zookeeperQuorum()).indent(2);
    }
}
