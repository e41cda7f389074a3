package io.mysync.reader.backfill;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A running backfill as the checkpoint keeps it: the request, the table, the chunk key of the last row emitted
 * (empty before the first chunk) and the tables waiting for their turn (resyncs after schema changes). A reader
 * restarted from the checkpoint goes on after that key, then with the waiting tables.
 */
public record BackfillProgress(String request, String table, List<String> after, List<String> queued) {

    public BackfillProgress(String request, String table, List<String> after) {
        this(request, table, after, List.of());
    }

    public String text() {
        String text = request + "|" + table + "|" + String.join(",", after.stream()
                .map(v -> "v" + URLEncoder.encode(v, StandardCharsets.UTF_8)).toList());
        return queued.isEmpty() ? text : text + "|" + String.join(",", queued.stream()
                .map(t -> URLEncoder.encode(t, StandardCharsets.UTF_8)).toList());
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
        return Optional.of(new BackfillProgress(f[0], f[1], after, queued));
    }

    public BackfillProgress after(List<String> key) {
        return new BackfillProgress(request, table, key, queued);
    }

    public BackfillProgress queued(List<String> tables) {
        return new BackfillProgress(request, table, after, List.copyOf(tables));
    }
}
