package io.mysync.dev.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A small shop: customers, products and orders, with the column types real schemas mix. */
public final class DemoSchema {

    public static final List<String> TABLES = List.of("customers", "products", "orders");

    /** The primary-key column of each table. */
    public static final java.util.Map<String, String> PRIMARY_KEYS = java.util.Map.of("customers", "id",
            "products", "sku", "orders", "id");

    private DemoSchema() {
    }

    public static void create(Connection db, String database) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + database + "`");
            st.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
            st.execute("CREATE TABLE `" + database + "`.customers ("
                    + " id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200),"
                    + " balance DECIMAL(12,2) NOT NULL, vip TINYINT(1) NOT NULL DEFAULT 0,"
                    + " created_at DATETIME(6) NOT NULL,"
                    + " updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), notes TEXT NULL)");
            st.execute("CREATE TABLE `" + database + "`.products ("
                    + " sku VARCHAR(32) PRIMARY KEY, title VARCHAR(200) NOT NULL, price DECIMAL(10,2) NOT NULL,"
                    + " tags SET('new','sale','eco','gift') NOT NULL DEFAULT '',"
                    + " status ENUM('active','retired') NOT NULL, weight_kg DOUBLE, thumbnail VARBINARY(64),"
                    + " attrs LONGTEXT)");
            st.execute("CREATE TABLE `" + database + "`.orders ("
                    + " id BIGINT UNSIGNED PRIMARY KEY, customer_id BIGINT NOT NULL, sku VARCHAR(32) NOT NULL,"
                    + " qty INT NOT NULL, total DECIMAL(14,2) NOT NULL,"
                    + " state ENUM('new','paid','shipped','cancelled') NOT NULL, placed_on DATE NOT NULL,"
                    + " flags BIT(8) NOT NULL DEFAULT b'0', placed_year YEAR)");
        }
    }
}
