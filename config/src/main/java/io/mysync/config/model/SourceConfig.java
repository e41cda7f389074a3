package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The server a reader follows; see {@code SourceKeys} for each field's meaning. */
@RecordBuilder
public record SourceConfig(String id, String host, int port, String user, String password, long serverId,
                           List<String> candidates, GtidMode gtid, AnchorMode anchor, Duration anchorInterval,
                           String rewindTo, StartMode start, String startGtid, String startFile, long startPosition,
                           Duration connectTimeout, SourceTls tls, String maskSalt) {

    public SourceConfig {
        candidates = List.copyOf(candidates);
    }

    /** The same source on another of its servers ({@code HOST:PORT}). */
    public SourceConfig at(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return SourceConfigBuilder.builder(this).host(endpoint.substring(0, colon))
                .port(Integer.parseInt(endpoint.substring(colon + 1))).build();
    }

    /** {@code url}'s server first, then the candidates, each as {@code HOST:PORT}. */
    public List<String> endpoints() {
        List<String> all = new ArrayList<>();
        all.add(host + ":" + port);
        candidates.stream().filter(c -> !all.contains(c)).forEach(all::add);
        return all;
    }

    /**
     * JDBC URL of every SQL connection to this server (checks, positions, the dump, backfills, failover markers,
     * status), with its TLS settings.
     */
    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/?" + tls.jdbcParameters()
                + "&connectTimeout=" + connectTimeout.toMillis() + "&serverTimezone=UTC";
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
