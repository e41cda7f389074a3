package io.mysync.sandbox.server;

import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxLayout;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Stand-alone ZooKeeper for leader election and coordination, from Maven Central jars. */
public final class ZooKeeperServer extends ProcessServer {

    public ZooKeeperServer(int port, SandboxLayout layout) {
        super("zookeeper", port, layout);
    }

    private Path config() {
        return dir().resolve("zoo.cfg");
    }

    @Override
    protected void prepare() throws Exception {
        Files.createDirectories(dir().resolve("data"));
        Files.writeString(config(), String.join("\n",
                "tickTime=2000",
                "dataDir=" + dir().resolve("data"),
                "clientPort=" + port(),
                "clientPortAddress=127.0.0.1",
                "maxClientCnxns=200",
                "admin.enableServer=false",
                "4lw.commands.whitelist=srvr,ruok,stat",
                ""));
        Files.writeString(dir().resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
    }

    @Override
    protected List<String> command() {
        return List.of(java(), "-Xmx256m", "-Dlogback.configurationFile=" + dir().resolve("logback.xml"),
                "-Dzookeeper.4lw.commands.whitelist=srvr,ruok,stat", "-cp", layout.serverJars("zookeeper").resolve("*").toString(),
                "org.apache.zookeeper.server.ZooKeeperServerMain", config().toString());
    }

    /** {@code srvr} answers with the version once the server serves requests ({@code ruok} answers earlier). */
    @Override
    protected boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("Zookeeper version");
        } catch (Exception e) {
            return false;
        }
    }
}
