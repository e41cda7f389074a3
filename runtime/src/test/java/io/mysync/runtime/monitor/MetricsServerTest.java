package io.mysync.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mysync.config.model.Credentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsServer server;

    @BeforeEach
    void start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("mysync_test_total").increment();
        server = MetricsServer.start("127.0.0.1", 0,
                Optional.of(new Credentials("prometheus", "scrape-pw")), registry,
                () -> List.of(new HealthCheck("process", true, "running")),
                () -> List.of(new HealthCheck("reader", false, "connecting")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void metricsAskForTheConfiguredCredentials() throws Exception {
        assertThat(send("GET", "/metrics", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/metrics", basic("prometheus", "wrong")).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/metrics", basic("someone", "scrape-pw")).statusCode()).isEqualTo(401);

        HttpResponse<String> scrape = send("GET", "/metrics", basic("prometheus", "scrape-pw"));
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("mysync_test_total 1.0");
    }

    @Test
    void healthStaysOpenForProbes() throws Exception {
        assertThat(send("GET", "/health/live", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = send("GET", "/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("connecting");
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = send(method, "/health/live", null);
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        assertThat(send("POST", "/metrics", basic("prometheus", "scrape-pw")).statusCode()).isEqualTo(405);

        HttpResponse<String> head = send("HEAD", "/health/live", null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, method.equals("GET") || method.equals("HEAD") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("x"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
