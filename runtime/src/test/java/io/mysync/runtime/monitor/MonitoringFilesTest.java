package io.mysync.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mysync.common.metrics.MetricNames;
import io.mysync.config.model.LagThresholds;
import io.mysync.config.model.LagThresholdsBuilder;
import io.mysync.reader.metrics.ReaderMetrics;
import io.mysync.writer.metrics.SinkMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus rules and the Grafana dashboard in deploy/ name only metrics the processes really publish: every
 * {@code mysync_*} name in their expressions must appear in a scrape of the reader's, the sinks' and the alerts'
 * meters, and every name {@link MetricNames} defines must be in that scrape.
 */
class MonitoringFilesTest {

    private static final Pattern METRIC = Pattern.compile("\\bmysync_[a-z_]+");
    private static final Path DEPLOY = Path.of("../deploy").toAbsolutePath().normalize();

    private static Set<String> scrapedNames() {
        PrometheusMeterRegistry registry = Monitoring.registry();
        ReaderMetrics reader = new ReaderMetrics(registry, "shop", Clock.systemUTC());
        reader.table("shop", "orders").events().increment();
        reader.table("shop", "orders").bytes().increment(100);
        reader.acknowledged(System.nanoTime());
        SinkMetrics sink = new SinkMetrics(registry, "shop", "redis", Clock.systemUTC());
        sink.assigned(List.of(new TopicPartition("mysync.shop.shop.orders", 0)));
        sink.batchApplied(10, System.nanoTime());
        sink.retried(new IllegalStateException("down"));
        sink.deadLettered("poison");
        LagThresholds thresholds = LagThresholdsBuilder.builder().warn(Duration.ofSeconds(1))
                .critical(Duration.ofSeconds(2)).holdFor(Duration.ofSeconds(1)).build();
        new AlertEvaluator(List.of(new LagAlert("sink_lag", "shop", "redis", thresholds, Duration.ofHours(1),
                sink::maxLagSeconds, Clock.systemUTC())), new AlertNotifier(java.util.Optional.empty()), registry,
                "shop").close();
        Set<String> names = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    @Test
    void everyDefinedMetricIsPublished() throws Exception {
        Set<String> scraped = scrapedNames();
        List<String> missing = new ArrayList<>();
        for (var field : MetricNames.class.getFields()) {
            String name = (String) field.get(null);
            if (name.startsWith("mysync.") && scraped.stream().noneMatch(s -> s.startsWith(name.replace('.', '_')))) {
                missing.add(name);
            }
        }
        assertThat(missing).as("defined but not published; published: " + scraped).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAlertRulesAreWellFormedAndUsePublishedMetrics() throws Exception {
        String text = Files.readString(DEPLOY.resolve("prometheus/alerts.yml"));
        Map<String, Object> doc = new Yaml().load(text);
        List<Map<String, Object>> groups = (List<Map<String, Object>>) doc.get("groups");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) groups.get(0).get("rules");
        assertThat(rules).hasSizeGreaterThanOrEqualTo(6);
        Set<String> used = new TreeSet<>();
        for (Map<String, Object> rule : rules) {
            assertThat(rule).containsKeys("alert", "expr", "labels", "annotations");
            assertThat(((Map<String, Object>) rule.get("labels")).get("severity")).isIn("warning", "critical");
            used.addAll(metricsIn((String) rule.get("expr")));
        }
        assertThat(used).contains("mysync_reader_source_lag_seconds", "mysync_writer_max_lag_seconds");
        assertThat(scrapedNames()).containsAll(used);
    }

    @Test
    void theDashboardUsesPublishedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/mysync-dashboard.json").toFile());
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                used.addAll(metricsIn(target.get("expr").asText()));
            }
        }
        assertThat(dashboard.get("panels").size()).isGreaterThanOrEqualTo(12);
        assertThat(scrapedNames()).containsAll(used);
    }
}
