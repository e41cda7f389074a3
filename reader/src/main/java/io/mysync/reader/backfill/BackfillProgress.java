package io.mysync.reader.backfill;

import io.mysync.common.sql.SignalTable;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A running backfill as the checkpoint keeps it: the request, the table, the chunk key of the last row emitted
 * (empty before the first chunk), the tables waiting for their turn (resyncs after schema changes) and, for a
 * repair ({@code mysync verify --repair}), the exact keys to read instead of the whole table. A reader restarted
 * from the checkpoint goes on after that key, then with the waiting tables.
 */
public record BackfillProgress(String request, String table, List<String> after, List<String> queued,
                               List<List<String>> keys) {

    public BackfillProgress(String request, String table, List<String> after) {
        this(request, table, after, List.of(), List.of());
    }

    public BackfillProgress(String request, String table, List<String> after, List<String> queued) {
        this(request, table, after, queued, List.of());
    }

    /** A repair: the rows of exactly these primary keys. */
    public static BackfillProgress repair(String request, String table, List<List<String>> keys) {
        return new BackfillProgress(request, table, List.of(), List.of(), List.copyOf(keys));
    }

    public boolean repair() {
        return !keys.isEmpty();
    }

    public String text() {
        String text = request + "|" + table + "|" + String.join(",", after.stream()
                .map(v -> "v" + URLEncoder.encode(v, StandardCharsets.UTF_8)).toList());
        String waiting = String.join(",", queued.stream().map(t -> URLEncoder.encode(t, StandardCharsets.UTF_8))
                .toList());
        if (keys.isEmpty()) {
            return queued.isEmpty() ? text : text + "|" + waiting;
        }
        return text + "|" + waiting + "|" + URLEncoder.encode(keys.stream().map(SignalTable::keyText)
                .collect(Collectors.joining(";")), StandardCharsets.UTF_8);
    }

    public static Optional<BackfillProgress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String[] f = text.split("\\|", -1);
        List<String> after = f[2].isEmpty() ? List.of() : Arrays.stream(f[2].split(",", -1))
                .map(v -> URLDecoder.decode(v.substring(1), StandardCharsets.UTF_8)).toList();
        List<String> queued = f.length < 4 || f[3].isEmpty() ? List.of() : Arrays.stream(f[3].split(",", -1))
                .map(t -> URLDecoder.decode(t, StandardCharsets.UTF_8)).toList();
        List<List<String>> keys = f.length < 5 || f[4].isEmpty() ? List.of()
                : SignalTable.repairKeys(" " + URLDecoder.decode(f[4], StandardCharsets.UTF_8));
        return Optional.of(new BackfillProgress(f[0], f[1], after, queued, keys));
    }

    public BackfillProgress after(List<String> key) {
        return new BackfillProgress(request, table, key, queued, keys);
    }

    public BackfillProgress queued(List<String> tables) {
        return new BackfillProgress(request, table, after, List.copyOf(tables), keys);
    }
}
