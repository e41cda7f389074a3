package io.mysync.sandbox;

import io.mysync.sandbox.server.ElasticsearchServer;
import io.mysync.sandbox.server.ElasticsearchTlsProxy;
import io.mysync.sandbox.server.HBaseServer;
import io.mysync.sandbox.server.KafkaConnectWorker;
import io.mysync.sandbox.server.KafkaServer;
import io.mysync.sandbox.server.MariaDbRelease;
import io.mysync.sandbox.server.MariaDbServer;
import io.mysync.sandbox.server.MySqlServer;
import io.mysync.sandbox.server.RedisServer;
import io.mysync.sandbox.server.SqlServer;
import io.mysync.sandbox.server.ZooKeeperServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The local set of real servers the demo and the integration tests run against: MariaDB, MySQL 8, Kafka,
 * ZooKeeper, Redis, Elasticsearch and HBase, each on 127.0.0.1 on a port of its own ({@code MYSYNC_SANDBOX_<NAME>_PORT} overrides it).
 */
public final class Sandbox {

    private static Sandbox shared;

    private final SandboxLayout layout;
    private final MariaDbServer mariadb;
    private final MySqlServer mysql;
    private final MariaDbServer mariadb114;
    private final KafkaServer kafka;
    private final ZooKeeperServer zookeeper;
    private final RedisServer redis;
    private final ElasticsearchTlsProxy elasticsearchProxy;
    private final ElasticsearchServer elasticsearch;
    private final HBaseServer hbase;
    private final KafkaConnectWorker kafkaConnect;

    public Sandbox(SandboxLayout layout) {
        this.layout = layout;
        this.zookeeper = new ZooKeeperServer(port("zookeeper", 22181), layout);
        this.kafka = new KafkaServer(port("kafka", 29092), port("kafka_controller", 29093), port("kafka_secure", 29094),
                layout);
        this.redis = new RedisServer(port("redis", 26379), port("redis_tls", 26380), layout);
        this.mariadb = new MariaDbServer(port("mariadb", 23306), layout);
        this.mysql = new MySqlServer(port("mysql", 23307), layout);
        this.mariadb114 = new MariaDbServer("mariadb114", port("mariadb114", 23308), 3, MariaDbRelease.LTS_11_4,
                List.of(), layout);
        this.elasticsearch = new ElasticsearchServer(port("elasticsearch", 29200),
                port("elasticsearch_transport", 29300), layout);
        this.elasticsearchProxy = new ElasticsearchTlsProxy(port("es_proxy", 29243), elasticsearch, layout);
        this.hbase = new HBaseServer(port("hbase", 22182), port("hbase_master", 26000),
                port("hbase_regionserver", 26020), layout);
        this.kafkaConnect = new KafkaConnectWorker(port("kafka_connect", 28083), kafka, layout);
    }

    /** The sandbox of this project's run directory, started on first use (for tests). */
    public static synchronized Sandbox shared() throws Exception {
        if (shared == null) {
            Sandbox sandbox = new Sandbox(SandboxLayout.detect());
            sandbox.start(System.out);
            shared = sandbox;
        }
        return shared;
    }

    public static String portVariable(String server) {
        return "MYSYNC_SANDBOX_" + server.toUpperCase(Locale.ROOT) + "_PORT";
    }

    private static int port(String server, int fallback) {
        String value = System.getenv(portVariable(server));
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /** A fresh MariaDB primary and replica for failover tests (not started; see {@link ReplicationPair#start}). */
    public ReplicationPair mariadbPair() {
        return ReplicationPair.mariadb(layout, "mariadb", MariaDbRelease.DEBIAN, port("mariadb_primary", 23316),
                port("mariadb_replica", 23317));
    }

    /** A fresh MariaDB 11.4 primary and replica for failover tests (not started). */
    public ReplicationPair mariadb114Pair() {
        return ReplicationPair.mariadb(layout, "mariadb114", MariaDbRelease.LTS_11_4,
                port("mariadb114_primary", 23336), port("mariadb114_replica", 23337));
    }

    /** A fresh MySQL 8 primary and replica for failover tests, with or without GTIDs (not started). */
    public ReplicationPair mysqlPair(boolean gtid) {
        return ReplicationPair.mysql(layout, port("mysql_primary", 23326), port("mysql_replica", 23327), gtid);
    }

    /** A fresh three-master Redis Cluster with a replica per master (not started; see {@link RedisCluster#start}). */
    public RedisCluster redisCluster() {
        return new RedisCluster(layout, port("redis_cluster", 27001));
    }

    /** A fresh Redis master, replica and three Sentinels (not started; see {@link RedisSentinels#start}). */
    public RedisSentinels redisSentinels() {
        return new RedisSentinels(layout, port("redis_sentinel_master", 27011), port("redis_sentinel_replica", 27012),
                port("redis_sentinel", 27021));
    }

    public List<ProcessServer> servers() {
        return List.of(zookeeper, kafka, redis, mariadb, mysql, mariadb114, elasticsearch, elasticsearchProxy, hbase);
    }

    /** The CA, server and client certificates the sandbox's TLS listeners use (made on first start). */
    public SandboxCertificates certificates() {
        return new SandboxCertificates(layout);
    }

    public SandboxLayout layout() {
        return layout;
    }

    public MariaDbServer mariadb() {
        return mariadb;
    }

    public MySqlServer mysql() {
        return mysql;
    }

    /** The source servers by the names the demo's {@code --source} and the tests use. */
    public static final List<String> SOURCES = List.of("mariadb", "mariadb-11.4", "mysql");

    /**
     * The source server called {@code name}: {@code mariadb} (10.11), {@code mariadb-11.4} or {@code mysql} (8.0).
     *
     * @throws IllegalArgumentException naming the servers there are
     */
    public SqlServer source(String name) {
        return switch (name) {
            case "mariadb" -> mariadb;
            case "mariadb-11.4" -> mariadb114;
            case "mysql" -> mysql;
            default -> throw new IllegalArgumentException("the sandbox has no source server '" + name + "': "
                    + String.join(", ", SOURCES));
        };
    }

    /** MariaDB 11.4.5 LTS, the further MariaDB release the version smoke tests run on. */
    public MariaDbServer mariadb114() {
        return mariadb114;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public ZooKeeperServer zookeeper() {
        return zookeeper;
    }

    /** HTTPS with an API key or basic credentials in front of {@link #elasticsearch()}. */
    public ElasticsearchTlsProxy elasticsearchProxy() {
        return elasticsearchProxy;
    }

    public RedisServer redis() {
        return redis;
    }

    public ElasticsearchServer elasticsearch() {
        return elasticsearch;
    }

    public HBaseServer hbase() {
        return hbase;
    }

    /** A Kafka Connect worker with Debezium's JDBC sink (not started; tests that need it start it). */
    public KafkaConnectWorker kafkaConnect() {
        return kafkaConnect;
    }

    /** Installs missing packages, then starts every server not yet running, in parallel. Idempotent. */
    public void start(PrintStream out) throws Exception {
        DebianPackages.ensure(Map.of("/usr/sbin/mariadbd", "mariadb-server", "/usr/bin/mariadb", "mariadb-client",
                "/usr/bin/mariadb-admin", "mariadb-client", "/usr/bin/redis-server", "redis-server",
                "/usr/bin/setsid", "util-linux", "/usr/bin/openssl", "openssl", "/usr/sbin/nginx", "nginx"));
        Files.createDirectories(layout.runDir());
        certificates().ensure();
        ExecutorService pool = Executors.newFixedThreadPool(servers().size());
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (ProcessServer server : servers()) {
                starts.add(pool.submit(() -> {
                    boolean was = server.process().isPresent();
                    long t0 = System.nanoTime();
                    server.start();
                    out.printf("  %-13s %-16s %s%n", server.name(), server.endpoint(), was ? "already running"
                            : String.format("started in %.1f s", (System.nanoTime() - t0) / 1e9));
                    return null;
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<?> start : starts) {
                try {
                    start.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("the sandbox did not start:\n" + String.join("\n", failures));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    public void stop(PrintStream out) throws Exception {
        List<ProcessServer> reversed = new ArrayList<>(servers());
        java.util.Collections.reverse(reversed);
        for (ProcessServer server : reversed) {
            boolean was = server.process().isPresent();
            server.stop();
            out.printf("  %-13s %s%n", server.name(), was ? "stopped" : "was not running");
        }
        // replication pairs and Redis sets a test left running (they are started by tests only)
        List<ProcessServer> onDemand = new ArrayList<>();
        for (ReplicationPair pair : List.of(mariadbPair(), mariadb114Pair(), mysqlPair(true))) {
            onDemand.addAll(pair.servers());
        }
        onDemand.addAll(redisCluster().nodes());
        onDemand.addAll(redisSentinels().servers());
        onDemand.add(kafkaConnect);
        for (ProcessServer server : onDemand) {
            if (server.process().isPresent()) {
                server.stop();
                out.printf("  %-13s %s%n", server.name(), "stopped");
            }
        }
    }

    /** @return true when every server runs and answers */
    public boolean status(PrintStream out) {
        boolean all = true;
        out.printf("  %-13s %-16s %-8s %s%n", "SERVER", "ENDPOINT", "PID", "STATE");
        for (ProcessServer server : servers()) {
            var process = server.process();
            boolean answers = process.isPresent() && server.running();
            all &= answers;
            out.printf("  %-13s %-16s %-8s %s%n", server.name(), server.endpoint(),
                    process.map(p -> Long.toString(p.pid())).orElse("-"),
                    answers ? "running" : process.isPresent() ? "not answering (see " + server.logFile() + ")"
                            : "stopped");
        }
        out.println("  run directory: " + layout.runDir());
        return all;
    }
}
