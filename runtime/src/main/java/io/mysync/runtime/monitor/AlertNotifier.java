package io.mysync.runtime.monitor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each alert notice to the log (logger {@code io.mysync.alerts}: critical at ERROR, warning at WARN, resolved
 * at INFO) and, when configured, as a JSON POST to the webhook: in the order they happened, each tried up to three
 * times, on a thread of its own so a slow webhook never holds up the pipeline.
 */
public final class AlertNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.mysync.alerts");
    private static final int ATTEMPTS = 3;

    private final Optional<URI> webhook;
    private final HttpClient http;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mysync-alert-webhook");
        t.setDaemon(true);
        return t;
    });

    public AlertNotifier(Optional<URI> webhook) {
        this.webhook = webhook;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public void send(AlertNotice notice) {
        String json = notice.toJson();
        switch (notice.level()) {
            case CRITICAL -> LOG.error("{} {}", notice.message(), json);
            case WARNING -> LOG.warn("{} {}", notice.message(), json);
            default -> LOG.info("{} {}", notice.message(), json);
        }
        webhook.ifPresent(url -> sender.execute(() -> post(url, json)));
    }

    private void post(URI url, String json) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        String problem = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                problem = "HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                problem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(1000L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // the path and query often carry a token: the host names the webhook well enough
        LOG.warn("The alert webhook on {} did not take a notice after {} attempts ({}); it is in this log only",
                url.getScheme() + "://" + url.getAuthority().replaceAll(".*@", ""), ATTEMPTS, problem);
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
