package io.mysync.reader.capture;

import com.github.shyiko.mysql.binlog.MariadbGtidSet;
import io.mysync.common.position.MySqlGtidSet;
import io.mysync.common.sql.ServerFlavor;

/**
 * The executed GTID set as of the last committed transaction the reader has seen: a MySQL {@code uuid:1-n} set,
 * tagged GTIDs included ({@link MySqlGtidSet}), or a MariaDB {@code domain-server-seq} position list.
 */
final class GtidTracker {

    private final ServerFlavor flavor;
    private MySqlGtidSet mysql;
    private MariadbGtidSet mariadb;

    GtidTracker(ServerFlavor flavor, String initial) {
        this.flavor = flavor;
        reset(initial);
    }

    void reset(String gtids) {
        String text = gtids == null ? "" : gtids;
        if (flavor == ServerFlavor.MARIADB) {
            mariadb = new MariadbGtidSet(text);
        } else {
            mysql = MySqlGtidSet.parse(text);
        }
    }

    boolean isEmpty() {
        return toString().isEmpty();
    }

    void add(String gtid) {
        if (gtid == null || gtid.isEmpty()) {
            return;
        }
        if (flavor == ServerFlavor.MARIADB) {
            mariadb.add(gtid);
        } else {
            mysql.addGtid(gtid);
        }
    }

    @Override
    public String toString() {
        return flavor == ServerFlavor.MARIADB ? mariadb.toString() : mysql.toString();
    }
}
