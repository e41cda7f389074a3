package io.mysync.sandbox.server;

import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A single Elasticsearch 8.19 node from Maven Central jars, started by the project's own launcher. */
public final class ElasticsearchServer extends ProcessServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int transportPort;

    public ElasticsearchServer(int httpPort, int transportPort, SandboxLayout layout) {
        super("elasticsearch", httpPort, layout);
        this.transportPort = transportPort;
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    protected void prepare() {
        // the launcher creates its config, data and logs directories
    }

    @Override
    protected List<String> command() {
        return List.of(java(), "-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.level=WARN", "-Des.networkaddress.cache.ttl=60",
                "-cp", layout.serverJars("elasticsearch").resolve("*").toString(),
                "io.mysync.sandbox.elasticsearch.ElasticsearchLauncher", dir().resolve("home").toString(),
                Integer.toString(port()), Integer.toString(transportPort));
    }

    /** Green or yellow cluster health: the node serves index and search requests. */
    @Override
    protected boolean answers() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(url()
                    + "/_cluster/health?wait_for_status=yellow&timeout=1s")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
