package io.mysync.sandbox.server;

import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A single-node Kafka 4 broker in KRaft mode (combined broker and controller) from Maven Central jars. */
public final class KafkaServer extends ProcessServer {

    private final int controllerPort;

    public KafkaServer(int port, int controllerPort, SandboxLayout layout) {
        super("kafka", port, layout);
        this.controllerPort = controllerPort;
    }

    private Path properties() {
        return dir().resolve("server.properties");
    }

    private String classpath() {
        return layout.serverJars("kafka").resolve("*").toString();
    }

    @Override
    protected void prepare() throws Exception {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port() + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port(),
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir().resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "") ;
        Files.writeString(properties(), config);
        Files.writeString(dir().resolve("log4j2.properties"), String.join("\n",
                "appender.out.type=Console", "appender.out.name=OUT", "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=%d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                "rootLogger.level=WARN", "rootLogger.appenderRef.out.ref=OUT", ""));
        if (!Files.exists(dir().resolve("data/meta.properties"))) {
            runTool(List.of(java(), "-cp", classpath(), "kafka.tools.StorageTool", "format", "-t",
                    Uuid.randomUuid().toString(), "-c", properties().toString()));
        }
    }

    @Override
    protected List<String> command() {
        return List.of(java(), "-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir().resolve("log4j2.properties"),
                "-cp", classpath(), "kafka.Kafka", properties().toString());
    }

    @Override
    protected boolean answers() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(p)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
