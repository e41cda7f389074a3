package io.mysync.reader.capture;

import com.github.shyiko.mysql.binlog.GtidSet;
import com.github.shyiko.mysql.binlog.MariadbGtidSet;
import io.mysync.reader.source.ServerFlavor;

/**
 * The executed GTID set as of the last committed transaction the reader has seen: a MySQL {@code uuid:1-n} set or
 * a MariaDB {@code domain-server-seq} position list.
 */
final class GtidTracker {

    private final ServerFlavor flavor;
    private GtidSet set;

    GtidTracker(ServerFlavor flavor, String initial) {
        this.flavor = flavor;
        reset(initial);
    }

    void reset(String gtids) {
        set = flavor == ServerFlavor.MARIADB ? new MariadbGtidSet(gtids == null ? "" : gtids)
                : new GtidSet(gtids == null ? "" : gtids);
    }

    boolean isEmpty() {
        return set.toString().isEmpty();
    }

    void add(String gtid) {
        if (gtid != null && !gtid.isEmpty()) {
            set.add(gtid);
        }
    }

    @Override
    public String toString() {
        return set.toString();
    }
}
