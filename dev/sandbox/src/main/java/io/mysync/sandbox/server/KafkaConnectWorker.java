package io.mysync.sandbox.server;

import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * A standalone Kafka Connect worker (Apache Kafka's connect-runtime) with Debezium's JDBC sink connector, both from
 * Maven Central: a consumer of MySync's JSON topics that MySync did not write. Keys and values go through Kafka
 * Connect's JsonConverter with schemas, as Debezium's own topics do. Started by the tests that need it; connectors
 * are added through its REST API ({@link #addConnector}).
 */
public final class KafkaConnectWorker extends ProcessServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final KafkaServer kafka;

    public KafkaConnectWorker(int port, KafkaServer kafka, SandboxLayout layout) {
        super("kafka_connect", port, layout);
        this.kafka = kafka;
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    protected void prepare() throws Exception {
        Files.writeString(dir().resolve("worker.properties"), String.join("\n",
                "bootstrap.servers=" + kafka.endpoint(),
                "key.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "key.converter.schemas.enable=true",
                "value.converter.schemas.enable=true",
                "offset.storage.file.filename=" + dir().resolve("offsets"),
                "offset.flush.interval.ms=1000",
                "listeners=" + url(),
                "consumer.auto.offset.reset=earliest",
                "consumer.isolation.level=read_committed",
                // a connector subscribed by topics.regex sees topics made after it started within a second
                "consumer.metadata.max.age.ms=1000",
                ""));
        Files.writeString(dir().resolve("log4j2.properties"), String.join("\n",
                "appender.out.type=Console", "appender.out.name=OUT", "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=%d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                "rootLogger.level=WARN", "rootLogger.appenderRef.out.ref=OUT",
                "logger.jdbc.name=io.debezium.connector.jdbc", "logger.jdbc.level=INFO", ""));
    }

    @Override
    protected List<String> command() {
        return List.of(java(), "-Xms128m", "-Xmx512m", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir().resolve("log4j2.properties"),
                "-cp", layout.serverJars("kafka-connect").resolve("*").toString(),
                "org.apache.kafka.connect.cli.ConnectStandalone", dir().resolve("worker.properties").toString());
    }

    @Override
    protected boolean answers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/connectors"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Adds a connector, {@code {"name": ..., "config": {...}}}; returns the worker's answer. */
    public String addConnector(String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/connectors"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Kafka Connect refused the connector (" + response.statusCode() + "): "
                    + response.body());
        }
        return response.body();
    }

    /** The connector's and its tasks' states, as the REST API reports them. */
    public String status(String connector) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/connectors/" + connector + "/status"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
