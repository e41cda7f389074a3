package io.mysync.dev.bench;

import io.mysync.cli.output.ProgressBar;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * The benchmark table (10 columns of mixed types) and its load: 100-row transactions, single-row updates and
 * deletes, then one transaction that updates every row.
 */
public final class BenchTable {

    public static final String TABLE = "bench";

    private final Connection db;
    private final String database;
    private final Random random = new Random(7);

    public BenchTable(Connection db, String database) {
        this.db = db;
        this.database = database;
    }

    public void create() throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + database + "`");
            st.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
            st.execute("CREATE TABLE `" + database + "`." + TABLE + " (id BIGINT PRIMARY KEY, k INT NOT NULL,"
                    + " c VARCHAR(120) NOT NULL, pad CHAR(60) NOT NULL, amount DECIMAL(12,2) NOT NULL,"
                    + " ratio DOUBLE NOT NULL, flag TINYINT(1) NOT NULL, created DATETIME(6) NOT NULL,"
                    + " status ENUM('new','paid','shipped') NOT NULL, note VARCHAR(255) NULL)");
        }
    }

    /** Inserts rows [from, to) in transactions of {@code perTxn} rows. */
    public void insert(long from, long to, int perTxn, ProgressBar bar, long progressBase) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO `" + database + "`." + TABLE
                + " VALUES (?,?,?,?,?,?,?,NOW(6),?,?)")) {
            for (long id = from; id < to; id++) {
                bind(ps, id);
                ps.addBatch();
                if ((id - from + 1) % perTxn == 0 || id == to - 1) {
                    ps.executeBatch();
                    db.commit();
                    if (bar != null) {
                        bar.update(progressBase + id - from + 1);
                    }
                }
            }
        }
        db.setAutoCommit(true);
    }

    private void bind(PreparedStatement ps, long id) throws SQLException {
        ps.setLong(1, id);
        ps.setInt(2, random.nextInt(1_000_000));
        ps.setString(3, "row-" + id + "-" + Long.toHexString(random.nextLong()) + "-" + Long.toHexString(id * 31));
        ps.setString(4, "pad" + (id % 97));
        ps.setBigDecimal(5, java.math.BigDecimal.valueOf(random.nextInt(10_000_000), 2));
        ps.setDouble(6, random.nextDouble());
        ps.setInt(7, (int) (id % 2));
        ps.setString(8, id % 3 == 0 ? "new" : id % 3 == 1 ? "paid" : "shipped");
        if (id % 10 == 0) {
            ps.setNull(9, java.sql.Types.VARCHAR);
        } else {
            ps.setString(9, "note " + id);
        }
    }

    /** Single-row transactions: {@code updates} updates and {@code deletes} deletes of random rows below {@code rows}. */
    public long singleRowChanges(long rows, int updates, int deletes) throws SQLException {
        long changed = 0;
        try (PreparedStatement up = db.prepareStatement("UPDATE `" + database + "`." + TABLE
                + " SET k = k + 1, status = 'shipped' WHERE id = ?");
             PreparedStatement del = db.prepareStatement("DELETE FROM `" + database + "`." + TABLE + " WHERE id = ?")) {
            for (int i = 0; i < updates; i++) {
                up.setLong(1, (long) (random.nextDouble() * rows));
                changed += up.executeUpdate();
            }
            for (int i = 0; i < deletes; i++) {
                del.setLong(1, (long) (random.nextDouble() * rows));
                changed += del.executeUpdate();
            }
        }
        return changed;
    }

    /** One transaction that updates every row: the reader must stream it without holding it in memory. */
    public long updateAllInOneTransaction() throws SQLException {
        try (Statement st = db.createStatement()) {
            return st.executeUpdate("UPDATE `" + database + "`." + TABLE + " SET k = k + 1");
        }
    }
}
