package io.mysync.reader.metrics;

import io.mysync.common.position.MySqlGtidSet;
import io.mysync.common.position.Position;

/** Numbers a position can be graphed by: the binlog file's number, and how many transactions a GTID set holds. */
final class BinlogNumbers {

    private BinlogNumbers() {
    }

    /** {@code mysql-bin.000042} is 42; 0 when unknown. */
    static double fileNumber(Position position) {
        if (position == null || position.binlogFile() == null) {
            return 0;
        }
        String file = position.binlogFile();
        int dot = file.lastIndexOf('.');
        try {
            return dot < 0 ? 0 : Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Transactions in a GTID set: MySQL {@code uuid:1-5:7:tag_a:1-2,uuid2:1-3} holds 11; MariaDB {@code 0-1-42,1-2-7} (the
     * last sequence number of each domain) 49.
     */
    static double transactions(Position position) {
        if (position == null || position.gtidSet() == null || position.gtidSet().isBlank()) {
            return 0;
        }
        long total = 0;
        try {
            total = count(position.gtidSet());
        } catch (RuntimeException e) {
            return Double.NaN; // a set this code cannot read: no figure rather than a wrong one
        }
        return total;
    }

    private static long count(String gtidSet) {
        if (gtidSet.contains(":")) {
            return MySqlGtidSet.parse(gtidSet).transactions();
        }
        long total = 0;
        for (String member : gtidSet.replace("\n", "").split(",")) {
            String m = member.trim();
            if (!m.isEmpty()) {
                total += Long.parseLong(m.substring(m.lastIndexOf('-') + 1));
            }
        }
        return total;
    }
}
