package io.mysync.reader.failover;

import io.mysync.config.model.AnchorMode;
import io.mysync.config.model.SourceConfig;
import io.mysync.reader.source.PreflightProblem;
import io.mysync.reader.source.SourceConnection;
import io.mysync.reader.source.SourceRefusedException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this source's failover marker into {@code __mysync.anchor} on the primary every
 * {@code source.anchor_interval}: one row per source, a new random marker each time. The row replicates into every
 * replica's binlog, where {@link AnchorSearch} finds the last marker the reader passed after a switch.
 */
public final class AnchorWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnchorWriter.class);
    /** Table or database access denied, command denied, read-only server. */
    private static final Set<Integer> NOT_ALLOWED = Set.of(1044, 1142, 1227, 1290, 1836);
    private static final String TABLE = AnchorRows.DATABASE + "." + AnchorRows.TABLE;

    private final SourceConfig source;
    private final SourceConnection sql;
    private final ScheduledExecutorService timer;
    private final SecureRandom random = new SecureRandom();
    private long failingSince;

    private AnchorWriter(SourceConfig source, SourceConnection sql) {
        this.source = source;
        this.sql = sql;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mysync-anchor-" + source.id());
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether this session writes markers: asked for, or by default when it does not resume by GTID. */
    public static boolean wanted(SourceConfig source, boolean resumesByGtid) {
        return switch (source.anchor()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> !resumesByGtid;
        };
    }

    /**
     * Creates the table when missing, writes a first marker and keeps writing.
     *
     * @return the running writer, or empty when the user may not write there and {@code source.anchor} is auto
     * @throws SourceRefusedException when the user may not write there and {@code source.anchor} is on
     */
    public static Optional<AnchorWriter> start(SourceConfig source) throws SQLException {
        SourceConnection sql = SourceConnection.open(source);
        AnchorWriter writer = new AnchorWriter(source, sql);
        try {
            sql.execute("CREATE DATABASE IF NOT EXISTS " + AnchorRows.DATABASE);
            sql.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (source_id VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "marker BIGINT NOT NULL, server_id BIGINT UNSIGNED NOT NULL, written_at DATETIME(3) NOT NULL)"
                    + " ENGINE=InnoDB");
            writer.write();
        } catch (SQLException e) {
            sql.close();
            if (!NOT_ALLOWED.contains(e.getErrorCode())) {
                throw e;
            }
            String fix = "GRANT CREATE, INSERT, UPDATE, SELECT ON " + AnchorRows.DATABASE + ".* TO '" + source.user()
                    + "'@'%'; (or set source.anchor: off and accept that a failover needs GTIDs or a re-load)";
            if (source.anchor() == AnchorMode.ON) {
                throw new SourceRefusedException(source.toString(), List.of(new PreflightProblem(
                        "failover markers (source.anchor: on)", e.getMessage(), fix)));
            }
            LOG.warn("Not writing failover markers into {} ({}); without them and without GTIDs a switch to "
                    + "another server cannot be followed. Fix: {}", TABLE, e.getMessage(), fix);
            return Optional.empty();
        }
        long every = source.anchorInterval().toMillis();
        writer.timer.scheduleWithFixedDelay(writer::writeLogged, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Writing a failover marker into {} every {} ms", TABLE, every);
        return Optional.of(writer);
    }

    private void write() throws SQLException {
        long marker = random.nextLong() & Long.MAX_VALUE;
        sql.execute("INSERT INTO " + TABLE + " (source_id, marker, server_id, written_at) VALUES ('" + source.id()
                + "', " + marker + ", @@server_id, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE marker = " + marker
                + ", server_id = @@server_id, written_at = UTC_TIMESTAMP(3)");
    }

    private void writeLogged() {
        try {
            write();
            if (failingSince != 0) {
                LOG.info("Failover markers are written again");
                failingSince = 0;
            }
        } catch (SQLException | RuntimeException e) {
            long now = System.currentTimeMillis();
            if (failingSince == 0) {
                failingSince = now;
                LOG.warn("Cannot write the failover marker: {} (the binlog session reports a lost server)",
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            sql.close();
        } catch (SQLException e) {
            LOG.debug("Closing the marker connection: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
