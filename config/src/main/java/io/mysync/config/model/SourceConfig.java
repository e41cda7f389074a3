package io.mysync.config.model;

import java.time.Duration;

/** The server a reader follows; see {@code SourceKeys} for each field's meaning. */
public record SourceConfig(String id, String host, int port, String user, String password, long serverId,
                           GtidMode gtid, StartMode start, String startGtid, String startFile, long startPosition,
                           Duration connectTimeout) {

    /** JDBC URL for the checks and metadata queries the reader runs beside the binlog stream. */
    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/?useSSL=false&allowPublicKeyRetrieval=true"
                + "&connectTimeout=" + connectTimeout.toMillis() + "&serverTimezone=UTC";
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
