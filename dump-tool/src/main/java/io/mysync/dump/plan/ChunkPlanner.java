package io.mysync.dump.plan;

import io.mysync.common.sql.KeyRanges;
import io.mysync.common.sql.SourceColumn;
import io.mysync.common.sql.TableShape;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table into key ranges of about {@code chunkRows} rows. A single integer key is split arithmetically
 * between its MIN and MAX (two index lookups); any other key (composite, text, temporal, binary) is walked once
 * along its index, one boundary every {@code chunkRows} keys. The first and last ranges are open, so rows inserted
 * below or above the keys seen at planning time are read too.
 */
public final class ChunkPlanner {

    private static final int MAX_CHUNKS_PER_TABLE = 1_000_000;

    private final Connection db;
    private final int chunkRows;

    public ChunkPlanner(Connection db, int chunkRows) {
        this.db = db;
        this.chunkRows = chunkRows;
    }

    /** Upper bounds of the table's ranges in key order; empty means one range for the whole table. */
    public List<List<String>> boundaries(TableShape table) throws SQLException {
        List<SourceColumn> key = table.chunkColumns();
        if (key.size() == 1 && key.get(0).integral()) {
            return integerBoundaries(table, key.get(0));
        }
        return walkedBoundaries(table);
    }

    private List<List<String>> integerBoundaries(TableShape table, SourceColumn key) throws SQLException {
        String col = TableShape.quote(key.name());
        BigInteger min;
        BigInteger max;
        try (PreparedStatement st = db.prepareStatement("SELECT CAST(MIN(" + col + ") AS CHAR), CAST(MAX(" + col
                + ") AS CHAR) FROM " + table.quotedName()); ResultSet rs = st.executeQuery()) {
            rs.next();
            if (rs.getString(1) == null) {
                return List.of();
            }
            min = new BigInteger(rs.getString(1));
            max = new BigInteger(rs.getString(2));
        }
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        long rows = table.estimatedRows() > 0 ? table.estimatedRows() : span.min(BigInteger.valueOf(Long.MAX_VALUE))
                .longValue();
        long chunks = Math.min(MAX_CHUNKS_PER_TABLE, Math.max(1, (rows + chunkRows - 1) / chunkRows));
        BigInteger step = span.add(BigInteger.valueOf(chunks - 1)).divide(BigInteger.valueOf(chunks));
        List<List<String>> out = new ArrayList<>();
        for (BigInteger b = min.add(step); b.compareTo(max) <= 0; b = b.add(step)) {
            out.add(List.of(b.toString()));
        }
        return out;
    }

    private List<List<String>> walkedBoundaries(TableShape table) throws SQLException {
        KeyRanges ranges = new KeyRanges(table);
        String first = "SELECT " + ranges.keySelectList() + " FROM " + table.quotedName() + " ORDER BY "
                + ranges.orderBy() + " LIMIT 1 OFFSET " + chunkRows;
        String next = "SELECT " + ranges.keySelectList() + " FROM " + table.quotedName() + " WHERE "
                + ranges.condition(true) + " ORDER BY " + ranges.orderBy() + " LIMIT 1 OFFSET " + chunkRows;
        List<List<String>> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(first); ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return out;
            }
            out.add(ranges.read(rs));
        }
        try (PreparedStatement st = db.prepareStatement(next)) {
            while (out.size() < MAX_CHUNKS_PER_TABLE) {
                ranges.bind(st, 1, out.get(out.size() - 1));
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        break;
                    }
                    out.add(ranges.read(rs));
                }
            }
        }
        return out;
    }
}
