package io.mysync.common.position;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * One properties file per source in a directory. A save writes a temporary file, forces it to disk and renames it
 * over the old one, so a crash leaves either the old or the new checkpoint, never a torn one.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private final Path directory;

    public FileCheckpointStore(Path directory) {
        this.directory = directory;
    }

    public Path fileOf(String sourceId) {
        return directory.resolve("checkpoint-" + sourceId + ".properties");
    }

    @Override
    public Optional<Checkpoint> load(String sourceId) {
        Path file = fileOf(sourceId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        try {
            Position position = new Position(
                    required(p, "binlog_file", file),
                    Long.parseLong(required(p, "binlog_position", file)),
                    p.getProperty("gtid_set", ""),
                    Long.parseLong(p.getProperty("server_id", "0")),
                    p.getProperty("server_uuid", ""));
            return Optional.of(new Checkpoint(sourceId, position,
                    Long.parseLong(required(p, "next_seq", file)),
                    Instant.parse(required(p, "saved_at", file))));
        } catch (RuntimeException e) {
            throw new IllegalStateException("checkpoint " + file + " is damaged (" + e.getMessage()
                    + "); restore it from a backup or delete it and choose a start position with source.start", e);
        }
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("missing key " + key + " in " + file);
        }
        return value;
    }

    @Override
    public void save(Checkpoint checkpoint) {
        Properties p = new Properties();
        Position position = checkpoint.position();
        p.setProperty("source_id", checkpoint.sourceId());
        p.setProperty("binlog_file", position.binlogFile());
        p.setProperty("binlog_position", Long.toString(position.binlogPosition()));
        p.setProperty("gtid_set", position.gtidSet());
        p.setProperty("server_id", Long.toString(position.serverId()));
        p.setProperty("server_uuid", position.serverUuid());
        p.setProperty("next_seq", Long.toString(checkpoint.nextSeq()));
        p.setProperty("saved_at", checkpoint.savedAt().toString());
        StringWriter text = new StringWriter();
        try {
            p.store(text, "MySync reader checkpoint; written atomically, do not edit while the reader runs");
            Files.createDirectories(directory);
            Path file = fileOf(checkpoint.sourceId());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint into " + directory, e);
        }
    }
}
