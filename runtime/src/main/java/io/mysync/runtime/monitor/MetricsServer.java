package io.mysync.runtime.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mysync.config.model.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The process's HTTP endpoint: {@code /metrics} (Prometheus text, behind HTTP basic authentication when
 * {@code metrics.username} is set), {@code /health/live} and {@code /health/ready} (200 or 503, with each part's
 * reason as JSON). It answers GET and HEAD only.
 */
public final class MetricsServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** @throws PortInUseException naming the port and the key and flag to change when the port is taken */
    public static MetricsServer start(String host, int port, Optional<Credentials> auth,
                                      PrometheusMeterRegistry registry, Supplier<List<HealthCheck>> live,
                                      Supplier<List<HealthCheck>> ready) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            throw new PortInUseException("the metrics endpoint cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "): another process holds the port. Give each MySync process on this host "
                    + "its own port: --metrics-port PORT, or metrics.port in its file (0 picks a free one, -1 turns "
                    + "the endpoint off)", e);
        } catch (IOException e) {
            throw new IllegalStateException("the metrics endpoint cannot listen on " + host + ":" + port + ": " + e,
                    e);
        }
        HttpContext metrics = server.createContext("/metrics", readOnly(exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape())));
        auth.ifPresent(credentials -> metrics.setAuthenticator(new MetricsAuthenticator(credentials)));
        server.createContext("/health/live", readOnly(exchange -> health(exchange, live.get())));
        server.createContext("/health/ready", readOnly(exchange -> health(exchange, ready.get())));
        server.createContext("/", readOnly(exchange -> respond(exchange, 404, "text/plain; charset=utf-8",
                "MySync: /metrics, /health/live, /health/ready\n")));
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "mysync-metrics-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new MetricsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Everything but GET and HEAD gets 405: the endpoint reads, it never changes anything. */
    private static HttpHandler readOnly(HttpHandler handler) {
        return exchange -> {
            String method = exchange.getRequestMethod();
            if (method.equals("GET") || method.equals("HEAD")) {
                handler.handle(exchange);
            } else {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            }
        };
    }

    private static void health(HttpExchange exchange, List<HealthCheck> checks) throws IOException {
        boolean up = checks.stream().allMatch(HealthCheck::up);
        ObjectNode body = JSON.createObjectNode();
        body.put("status", up ? "UP" : "DOWN");
        ObjectNode parts = body.putObject("checks");
        for (HealthCheck check : checks) {
            parts.putObject(check.part()).put("up", check.up()).put("detail", check.detail());
        }
        respond(exchange, up ? 200 : 503, "application/json", body.toString());
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
