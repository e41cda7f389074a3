package io.mysync.reader.source;

/** The two servers MySync reads; they differ in GTID format, grant names and a few binlog details. */
public enum ServerFlavor {
    MYSQL, MARIADB;

    public static ServerFlavor ofVersion(String version) {
        return version.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
    }
}
