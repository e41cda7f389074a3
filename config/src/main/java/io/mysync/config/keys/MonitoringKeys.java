package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.INT;
import static io.mysync.config.def.ConfigType.STRING;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.store.InstalledStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The metrics and health endpoint of each process, and the built-in lag alerts. */
public final class MonitoringKeys {

    private MonitoringKeys() {
    }

    /** Stores that have alert thresholds of their own ({@code alerts.<sink>.*}): every store on the class path. */
    public static final List<String> SINKS = InstalledStores.names();

    public static final ConfigKey<String> METRICS_BIND = ConfigKey.of("metrics.bind", STRING,
            "Address the metrics and health endpoint listens on (/metrics in Prometheus text, /health/live, "
                    + "/health/ready; GET and HEAD only); 0.0.0.0 answers on every interface, 127.0.0.1 only on "
                    + "this host.").defaultValue("0.0.0.0");

    public static final ConfigKey<String> METRICS_USERNAME = ConfigKey.of("metrics.username", STRING,
            "With metrics.password: /metrics asks for HTTP basic authentication (the health endpoints stay open "
                    + "for probes). Empty: no authentication.").defaultValue("");

    public static final ConfigKey<String> METRICS_PASSWORD = ConfigKey.of("metrics.password", STRING,
            "Password of metrics.username; use ${ENV_VAR} or ${file:...}.").defaultValue("").secret();

    public static final ConfigKey<Integer> METRICS_PORT = ConfigKey.of("metrics.port", INT,
            "Port of the metrics and health endpoint, one per process: give each process on a host its own. 0 "
                    + "picks a free port (logged at start-up); -1 turns the endpoint off.").defaultValue(9464)
            .validate(Validators.between(-1, 65535));

    public static final ConfigKey<String> WEBHOOK = ConfigKey.of("alerts.webhook", STRING,
            "URL that receives each alert notice as a JSON POST when a lag alert fires, changes level, is still "
                    + "firing after alerts.reminder, or resolves. Empty: notices go to the log only. Logged as its host only, "
                    + "since such URLs often carry a token.")
            .defaultValue("").secret().validate(v -> v.isEmpty() || v.matches("https?://[^/\\s]+(/\\S*)?")
                    ? java.util.Optional.empty() : java.util.Optional.of("'" + v + "' is not an http(s) URL"));

    public static final ConfigKey<Duration> REMINDER = ConfigKey.of("alerts.reminder", DURATION_TYPE,
            "While an alert keeps firing at the same level, how often its notice is sent again.")
            .defaultValue(Duration.ofHours(1)).validate(Validators.atLeast(Duration.ofSeconds(1)));

    public static final ConfigKey<Duration> SOURCE_WARN = warn("alerts.source_lag",
            "how far the reader is behind the source: now minus the commit time of the last transaction it "
                    + "read, 0 at the binlog end");
    public static final ConfigKey<Duration> SOURCE_CRITICAL = critical("alerts.source_lag");
    public static final ConfigKey<Duration> SOURCE_FOR = holdFor("alerts.source_lag");

    public static final ConfigKey<Duration> SINK_WARN = warn("alerts.sink_lag",
            "how long the oldest event a sink has not applied has waited in Kafka; used by every sink "
                    + "without thresholds of its own");
    public static final ConfigKey<Duration> SINK_CRITICAL = critical("alerts.sink_lag");
    public static final ConfigKey<Duration> SINK_FOR = holdFor("alerts.sink_lag");

    /** Per sink: {@code alerts.<sink>.warn|critical|for}; an unset one takes the alerts.sink_lag value. */
    public static final Map<String, List<ConfigKey<Duration>>> PER_SINK = perSink();

    public static final List<ConfigKey<?>> ALL;

    static {
        List<ConfigKey<?>> all = new ArrayList<>(List.of(METRICS_BIND, METRICS_PORT, METRICS_USERNAME,
                METRICS_PASSWORD, WEBHOOK, REMINDER,
                SOURCE_WARN, SOURCE_CRITICAL, SOURCE_FOR, SINK_WARN, SINK_CRITICAL, SINK_FOR));
        SINKS.forEach(sink -> all.addAll(PER_SINK.get(sink)));
        ALL = List.copyOf(all);
    }

    private static ConfigKey<Duration> warn(String section, String what) {
        return ConfigKey.of(section + ".warn", DURATION_TYPE, "Warning threshold of the lag (" + what + "): the "
                + "alert fires as a warning once the lag stayed at or above it for the 'for' duration.")
                .defaultValue(Duration.ofSeconds(30));
    }

    private static ConfigKey<Duration> critical(String section) {
        return ConfigKey.of(section + ".critical", DURATION_TYPE, "Lag above which the alert is critical (once it "
                + "lasted the 'for' duration); readiness turns false and 'mysync status' exits 1.")
                .defaultValue(Duration.ofMinutes(5));
    }

    private static ConfigKey<Duration> holdFor(String section) {
        return ConfigKey.of(section + ".for", DURATION_TYPE, "How long the lag must stay above a threshold before "
                + "the alert fires at that level; a lag back under the warning resolves it at once.")
                .defaultValue(Duration.ofMinutes(1));
    }

    private static Map<String, List<ConfigKey<Duration>>> perSink() {
        Map<String, List<ConfigKey<Duration>>> keys = new java.util.LinkedHashMap<>();
        for (String sink : SINKS) {
            String section = "alerts." + sink;
            keys.put(sink, List.of(
                    ConfigKey.of(section + ".warn", DURATION_TYPE, "Warning lag of the " + sink + " sink; unset: "
                            + "alerts.sink_lag.warn.").defaultValue(SINK_WARN.defaultValue()),
                    ConfigKey.of(section + ".critical", DURATION_TYPE, "Critical lag of the " + sink + " sink; "
                            + "unset: alerts.sink_lag.critical.").defaultValue(SINK_CRITICAL.defaultValue()),
                    ConfigKey.of(section + ".for", DURATION_TYPE, "'for' duration of the " + sink + " sink's "
                            + "alert; unset: alerts.sink_lag.for.").defaultValue(SINK_FOR.defaultValue())));
        }
        return Map.copyOf(keys);
    }
}
