package io.mysync.sandbox.server;

import io.mysync.sandbox.PortCheck;
import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stand-alone HBase 2.6 (master, region server and its own ZooKeeper in one JVM) from Maven Central jars, data on
 * the local file system under the run directory. Clients find it through its ZooKeeper port, {@link #port()}.
 */
public final class HBaseServer extends ProcessServer {

    private static final String READY = "Master has completed initialization";

    /** What {@code bin/hbase} opens on Java 17. */
    private static final List<String> JAVA17_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true");

    private final int masterPort;
    private final int regionServerPort;

    public HBaseServer(int zookeeperPort, int masterPort, int regionServerPort, SandboxLayout layout) {
        super("hbase", zookeeperPort, layout);
        this.masterPort = masterPort;
        this.regionServerPort = regionServerPort;
    }

    /** The ZooKeeper quorum clients connect to. */
    public String zookeeperQuorum() {
        return "127.0.0.1:" + port();
    }

    private Path conf() {
        return dir().resolve("conf");
    }

    @Override
    protected void prepare() throws IOException {
        Files.createDirectories(conf());
        Files.createDirectories(dir().resolve("data"));
        if (Files.exists(logFile())) { // readiness reads this start's log only
            Files.move(logFile(), dir().resolve(name() + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        StringBuilder site = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        property(site, "hbase.cluster.distributed", "false");
        property(site, "hbase.rootdir", dir().resolve("data/hbase").toUri().toString());
        property(site, "hbase.zookeeper.property.dataDir", dir().resolve("data/zookeeper").toString());
        property(site, "hbase.zookeeper.quorum", "127.0.0.1");
        property(site, "hbase.zookeeper.property.clientPort", Integer.toString(port()));
        property(site, "hbase.master.hostname", "127.0.0.1");
        property(site, "hbase.regionserver.hostname", "127.0.0.1");
        property(site, "hbase.master.port", Integer.toString(masterPort));
        property(site, "hbase.regionserver.port", Integer.toString(regionServerPort));
        property(site, "hbase.master.info.port", "-1");
        property(site, "hbase.regionserver.info.port", "-1");
        property(site, "hbase.unsafe.stream.capability.enforce", "false");
        property(site, "hbase.master.wait.on.regionservers.maxtostart", "1");
        property(site, "hbase.master.wait.on.regionservers.mintostart", "1");
        site.append("</configuration>\n");
        Files.writeString(conf().resolve("hbase-site.xml"), site.toString());
        Files.writeString(conf().resolve("log4j2.properties"), """
                status = warn
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
                rootLogger = INFO, console
                logger.zookeeper.name = org.apache.zookeeper
                logger.zookeeper.level = WARN
                logger.hadoop.name = org.apache.hadoop.hbase.shaded
                logger.hadoop.level = WARN
                """);
    }

    private static void property(StringBuilder site, String name, String value) {
        site.append("  <property><name>").append(name).append("</name><value>").append(value)
                .append("</value></property>\n");
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(java(), "-Xms256m", "-Xmx768m", "-XX:+UseG1GC",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + conf().resolve("log4j2.properties"),
                "-Dhbase.log.dir=" + dir()));
        command.addAll(JAVA17_OPENS);
        command.addAll(List.of("-cp", conf() + ":" + layout.serverJars("hbase").resolve("*"),
                "org.apache.hadoop.hbase.master.HMaster", "start"));
        return command;
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(180);
    }

    /** The master logs that it completed initialization, and its ZooKeeper port accepts connections. */
    @Override
    protected boolean answers() {
        try {
            return PortCheck.inUse(port())
                    && new String(Files.readAllBytes(logFile()), StandardCharsets.ISO_8859_1).contains(READY);
        } catch (IOException e) {
            return false;
        }
    }
}
