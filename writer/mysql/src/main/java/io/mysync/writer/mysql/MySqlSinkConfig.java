package io.mysync.writer.mysql;

import io.mysync.config.model.SourceTls;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Where the MySQL/MariaDB table store writes; see {@link MySqlConfigKeys}.
 *
 * @param tls           the connection's TLS, as Connector/J takes it (the source's own settings type)
 * @param versionsTable MySync's table of deleted rows' and TRUNCATEs' seqs in the same database
 */
@RecordBuilder
public record MySqlSinkConfig(String host, int port, String user, String password, String database, SourceTls tls,
                              Duration timeout, String versionsTable) {

    String jdbcUrl() {
        long millis = timeout.toMillis();
        return "jdbc:mysql://" + host + ":" + port + "/" + database + "?" + tls.jdbcParameters()
                + "&connectTimeout=" + millis + "&socketTimeout=" + (millis * 3) + "&characterEncoding=UTF-8"
                + "&rewriteBatchedStatements=true";
    }

    /** A connection whose session reads and writes TIMESTAMP values in UTC, as the events carry them. */
    public Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl(), user, password);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Where, for logs and messages; never the password. */
    public String describe() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
