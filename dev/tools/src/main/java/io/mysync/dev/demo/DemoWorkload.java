package io.mysync.dev.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Drives inserts, updates (one of them changing a primary key), deletes and multi-row transactions against the
 * demo schema until a number of row changes is reached. Seeded, so runs are repeatable.
 */
public final class DemoWorkload {

    private static final String[] NAMES = {"Ada", "Grace", "Linus", "Zoë", "Håkon", "Ōsaka 🍣", "Émile", "Nuño"};

    private Connection db;
    private final String database;
    private final Random random = new Random(42);
    private final List<Long> customers = new ArrayList<>();
    private final List<String> products = new ArrayList<>();
    private final List<Long> orders = new ArrayList<>();
    private long nextCustomer = 1;
    private long nextOrder = 1;
    private long changes;
    private long keyChanges;
    private double changesPerSecond;

    public DemoWorkload(Connection db, String database) {
        this.db = db;
        this.database = database;
    }

    /** Continues on another connection, e.g. to the new primary after a failover; the old one is not closed. */
    public DemoWorkload continueOn(Connection connection) {
        this.db = connection;
        return this;
    }

    /** Paces the workload to an offered load; 0 (the default) runs as fast as the server takes it. */
    public DemoWorkload atRate(double changesPerSecond) {
        this.changesPerSecond = changesPerSecond;
        return this;
    }

    /** Runs until at least {@code target} rows changed; returns the number of row changes made. */
    public long run(long target, LongConsumer progress) throws SQLException {
        return runUntil(() -> changes >= target, progress);
    }

    /**
     * Runs until {@code done} answers true (asked before each transaction), e.g. when a test has finished killing
     * what it kills under load; returns the number of row changes made.
     */
    public long runUntil(BooleanSupplier done, LongConsumer progress) throws SQLException {
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
            st.execute("USE `" + database + "`");
        }
        insertProducts(20);
        long started = System.nanoTime();
        while (!done.getAsBoolean()) {
            pace(started);
            int dice = random.nextInt(100);
            if (dice < 40 || customers.size() < 20) {
                insertCustomersAndOrders(10);
            } else if (dice < 60) {
                updateBalances(5);
            } else if (dice < 70) {
                updatePrice();
            } else if (dice < 85) {
                deleteOrder();
            } else if (dice < 95) {
                shipOrders(3);
            } else {
                changeOrderKey();
            }
            progress.accept(changes);
        }
        if (keyChanges == 0) {
            changeOrderKey();
        }
        db.setAutoCommit(true);
        return changes;
    }

    private void insertProducts(int n) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO products VALUES (?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < n; i++) {
                String sku = "SKU-" + (products.size() + 1);
                ps.setString(1, sku);
                ps.setString(2, "Product " + (products.size() + 1) + (i % 3 == 0 ? " ☕" : ""));
                ps.setBigDecimal(3, new java.math.BigDecimal(random.nextInt(100_000)).movePointLeft(2));
                ps.setString(4, i % 2 == 0 ? "new,eco" : "");
                ps.setString(5, "active");
                if (i % 4 == 0) {
                    ps.setNull(6, java.sql.Types.DOUBLE);
                } else {
                    ps.setDouble(6, random.nextDouble() * 20);
                }
                ps.setBytes(7, new byte[] {(byte) i, 0, (byte) 0xFF});
                ps.setString(8, "{\"color\": \"red\", \"size\": " + i + "}");
                ps.addBatch();
                products.add(sku);
                changes++;
            }
            ps.executeBatch();
        }
        db.commit();
    }

    private void insertCustomersAndOrders(int n) throws SQLException {
        try (PreparedStatement c = db.prepareStatement(
                "INSERT INTO customers (id, name, email, balance, vip, created_at, notes) VALUES (?,?,?,?,?,?,?)");
             PreparedStatement o = db.prepareStatement("INSERT INTO orders VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < n; i++) {
                long id = nextCustomer++;
                c.setLong(1, id);
                c.setString(2, NAMES[(int) (id % NAMES.length)] + " " + id);
                c.setString(3, id % 7 == 0 ? null : "user" + id + "@example.com");
                c.setBigDecimal(4, new java.math.BigDecimal(random.nextInt(1_000_000) - 200_000).movePointLeft(2));
                c.setInt(5, id % 5 == 0 ? 1 : 0);
                c.setString(6, String.format("2024-%02d-%02d 10:%02d:%02d.%06d", 1 + id % 12, 1 + id % 28,
                        id % 60, (id * 7) % 60, (id * 7919) % 1_000_000));
                c.setString(7, id % 3 == 0 ? "" : id % 3 == 1 ? null : "prefers e-mail");
                c.addBatch();
                customers.add(id);
                long orderId = nextOrder++;
                o.setLong(1, orderId);
                o.setLong(2, id);
                o.setString(3, products.get(random.nextInt(products.size())));
                o.setInt(4, 1 + random.nextInt(5));
                o.setBigDecimal(5, new java.math.BigDecimal(random.nextInt(50_000)).movePointLeft(2));
                o.setString(6, "new");
                o.setString(7, "2024-06-" + String.format("%02d", 1 + orderId % 28));
                o.setInt(8, (int) (orderId % 256));
                o.setInt(9, 2024);
                o.addBatch();
                orders.add(orderId);
                changes += 2;
            }
            c.executeBatch();
            o.executeBatch();
        }
        db.commit();
    }

    private void updateBalances(int n) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "UPDATE customers SET balance = balance + ?, vip = 1 - vip WHERE id = ?")) {
            for (int i = 0; i < n; i++) {
                ps.setBigDecimal(1, new java.math.BigDecimal(random.nextInt(10_000) - 5_000).movePointLeft(2));
                ps.setLong(2, customers.get(random.nextInt(customers.size())));
                changes += ps.executeUpdate();
            }
        }
        db.commit();
    }

    private void updatePrice() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE products SET price = ?, tags = ? WHERE sku = ?")) {
            ps.setBigDecimal(1, new java.math.BigDecimal(random.nextInt(100_000)).movePointLeft(2));
            ps.setString(2, random.nextBoolean() ? "sale" : "sale,gift");
            ps.setString(3, products.get(random.nextInt(products.size())));
            changes += ps.executeUpdate();
        }
        db.commit();
    }

    private void deleteOrder() throws SQLException {
        if (orders.isEmpty()) {
            return;
        }
        long id = orders.remove(random.nextInt(orders.size()));
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM orders WHERE id = ?")) {
            ps.setLong(1, id);
            changes += ps.executeUpdate();
        }
        db.commit();
    }

    private void shipOrders(int n) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "UPDATE orders SET state = 'shipped', flags = flags | b'10000000' WHERE id = ?")) {
            for (int i = 0; i < n && !orders.isEmpty(); i++) {
                ps.setLong(1, orders.get(random.nextInt(orders.size())));
                changes += ps.executeUpdate();
            }
        }
        db.commit();
    }

    /** An UPDATE of the primary key: the stores must move the row to its new key. */
    private void changeOrderKey() throws SQLException {
        if (orders.isEmpty()) {
            return;
        }
        int index = random.nextInt(orders.size());
        long id = orders.get(index);
        long newId = id + 10_000_000L;
        try (PreparedStatement ps = db.prepareStatement("UPDATE orders SET id = ? WHERE id = ?")) {
            ps.setLong(1, newId);
            ps.setLong(2, id);
            if (ps.executeUpdate() == 1) {
                orders.set(index, newId);
                changes++;
                keyChanges++;
            }
        }
        db.commit();
    }

    private void pace(long started) {
        if (changesPerSecond <= 0) {
            return;
        }
        long due = started + (long) (changes / changesPerSecond * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    public long keyChanges() {
        return keyChanges;
    }
}
