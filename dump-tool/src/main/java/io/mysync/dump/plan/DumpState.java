package io.mysync.dump.plan;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointText;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A dump's progress on disk, per source: {@code <source>.plan} (written once, atomically: the hand-over checkpoint,
 * the snapshot seq and every chunk's key range) and {@code <source>.done} (one line per finished chunk, appended
 * and forced to disk after the chunk's rows were acknowledged by Kafka). A torn last line is ignored on read.
 */
public final class DumpState {

    private final Path plan;
    private final Path done;
    private final String sourceId;
    private FileChannel doneLog;

    public DumpState(Path dir, String sourceId) {
        this.sourceId = sourceId;
        this.plan = dir.resolve(sourceId + ".plan");
        this.done = dir.resolve(sourceId + ".done");
    }

    public Path planFile() {
        return plan;
    }

    public Optional<DumpPlan> load() {
        if (!Files.exists(plan)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(plan);
            Properties p = new Properties();
            p.load(new StringReader(text));
            Checkpoint handover = CheckpointText.parse(sourceId, text, "dump plan " + plan);
            List<String> tables = Arrays.asList(p.getProperty("tables", "").split(","));
            int count = Integer.parseInt(p.getProperty("chunks"));
            List<Chunk> chunks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String[] f = p.getProperty("chunk." + i).split("\t", -1);
                chunks.add(new Chunk(i, f[0], bound(f[1]), bound(f[2])));
            }
            return Optional.of(new DumpPlan(handover, Long.parseLong(p.getProperty("snapshot_seq")), tables,
                    chunks));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dump plan " + plan, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the dump plan " + plan + " is damaged (" + e + "). Fix: run the dump "
                    + "again with --restart, which plans anew", e);
        }
    }

    public void save(DumpPlan dump) {
        StringWriter text = new StringWriter();
        text.write(CheckpointText.format(dump.handover()));
        Properties p = new Properties();
        p.setProperty("snapshot_seq", Long.toString(dump.snapshotSeq()));
        p.setProperty("tables", String.join(",", dump.tables()));
        p.setProperty("chunks", Integer.toString(dump.chunks().size()));
        for (Chunk c : dump.chunks()) {
            p.setProperty("chunk." + c.id(), c.table() + "\t" + bound(c.lower()) + "\t" + bound(c.upper()));
        }
        try {
            p.store(text, "MySync dump plan");
            Files.createDirectories(plan.getParent());
            Path tmp = plan.resolveSibling(plan.getFileName() + ".tmp");
            Files.writeString(tmp, text.toString());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.deleteIfExists(done);
            Files.move(tmp, plan, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dump plan " + plan, e);
        }
    }

    /** Finished chunks and the rows each sent. */
    public Map<Integer, Long> finished() {
        Map<Integer, Long> out = new HashMap<>();
        if (!Files.exists(done)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(done)) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[2].equals(".")) {
                    out.put(Integer.parseInt(f[0]), Long.parseLong(f[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + done, e);
        }
        return out;
    }

    /** Records a finished chunk durably; called only after its rows were acknowledged by Kafka. */
    public synchronized void markDone(Chunk chunk, long rows) {
        try {
            if (doneLog == null) {
                doneLog = FileChannel.open(done, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            doneLog.write(StandardCharsets.US_ASCII.encode(chunk.id() + " " + rows + " .\n"));
            doneLog.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a finished chunk in " + done, e);
        }
    }

    /** Removes the state once the reader has its hand-over checkpoint. */
    public synchronized void clear() {
        try {
            if (doneLog != null) {
                doneLog.close();
                doneLog = null;
            }
            Files.deleteIfExists(done);
            Files.deleteIfExists(plan);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the dump state " + plan, e);
        }
    }

    private static String bound(List<String> values) {
        if (values == null) {
            return "";
        }
        List<String> encoded = values.stream().map(v -> "v" + URLEncoder.encode(v, StandardCharsets.UTF_8)).toList();
        return String.join(",", encoded);
    }

    private static List<String> bound(String text) {
        if (text.isEmpty()) {
            return null;
        }
        return Arrays.stream(text.split(",", -1)).map(v -> URLDecoder.decode(v.substring(1), StandardCharsets.UTF_8))
                .toList();
    }
}
