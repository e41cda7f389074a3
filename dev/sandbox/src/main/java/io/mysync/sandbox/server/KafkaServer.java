package io.mysync.sandbox.server;

import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxCertificates;
import io.mysync.sandbox.SandboxLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** A single-node Kafka 4 broker in KRaft mode (combined broker and controller) from Maven Central jars. */
public final class KafkaServer extends ProcessServer {

    /** SCRAM-SHA-512 principal of readers on the secure listener; ACLs per source come from {@link #grant}. */
    public static final String READER_USER = "mysync-reader";
    public static final String WRITER_USER = "mysync-writer";
    /** Passwords of the sandbox's SCRAM users (a real deployment reads them from a mounted secret). */
    public static final String READER_PASSWORD = "reader-pw-sandbox";
    public static final String WRITER_PASSWORD = "writer-pw-sandbox";

    private final int controllerPort;
    private final int securePort;

    public KafkaServer(int port, int controllerPort, int securePort, SandboxLayout layout) {
        super("kafka", port, layout);
        this.controllerPort = controllerPort;
        this.securePort = securePort;
    }

    /**
     * The SASL_SSL listener (SCRAM-SHA-512 over TLS with the sandbox's certificate) where ACLs apply; the plaintext
     * listener, {@link #endpoint()}, stays open to the tests and the demo as the super user.
     */
    public String secureEndpoint() {
        return "127.0.0.1:" + securePort;
    }

    private Path properties() {
        return dir().resolve("server.properties");
    }

    private String classpath() {
        return layout.serverJars("kafka").resolve("*").toString();
    }

    @Override
    protected void prepare() throws Exception {
        SandboxCertificates tls = new SandboxCertificates(layout);
        tls.ensure();
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port() + ",CONTROLLER://127.0.0.1:" + controllerPort
                        + ",SECURE://127.0.0.1:" + securePort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port() + ",SECURE://127.0.0.1:" + securePort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURE:SASL_SSL",
                "listener.name.secure.sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.secure.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.secure.ssl.keystore.type=PKCS12",
                "listener.name.secure.ssl.keystore.location=" + tls.serverKeyStore(),
                "listener.name.secure.ssl.keystore.password=" + SandboxCertificates.STORE_PASSWORD,
                "listener.name.secure.ssl.key.password=" + SandboxCertificates.STORE_PASSWORD,
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:ANONYMOUS",
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

    /** The SCRAM users, made (or their passwords reset) through the plaintext listener. */
    @Override
    protected void afterStart() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint()))) {
            admin.alterUserScramCredentials(List.of(scram(READER_USER, READER_PASSWORD),
                    scram(WRITER_USER, WRITER_PASSWORD))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static UserScramCredentialUpsertion scram(String user, String password) {
        return new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                password);
    }

    /**
     * ACLs for one source on the secure listener: {@link #READER_USER} may create, write and read the topics
     * {@code mysync.<source>.*} and use the source's transactional id; {@link #WRITER_USER} may read those topics,
     * use the consumer groups {@code mysync.<source>.*} and write the dead-letter topic. Nothing else.
     */
    public void grant(String sourceId) throws Exception {
        String prefix = "mysync." + sourceId + ".";
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.WRITE, AclOperation.READ,
                AclOperation.DESCRIBE)) {
            acls.add(allow(READER_USER, ResourceType.TOPIC, prefix, PatternType.PREFIXED, op));
        }
        for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(allow(READER_USER, ResourceType.TRANSACTIONAL_ID, "mysync-reader-" + sourceId,
                    PatternType.LITERAL, op));
        }
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow(WRITER_USER, ResourceType.TOPIC, prefix, PatternType.PREFIXED, op));
            acls.add(allow(WRITER_USER, ResourceType.GROUP, prefix, PatternType.PREFIXED, op));
        }
        for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.WRITE)) {
            acls.add(allow(WRITER_USER, ResourceType.TOPIC, prefix + "dead_letters", PatternType.LITERAL, op));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint()))) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
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
