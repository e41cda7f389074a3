package io.mysync.common.position;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One properties file per source in a directory. A save writes a temporary file of its own, forces it to disk and
 * renames it over the old one, so a crash leaves either the old or the new checkpoint, never a torn one, and two
 * saves at once (a checkpoint tick still running while the session saves its last one) cannot write into the same
 * temporary file.
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
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        return Optional.of(CheckpointText.parse(sourceId, text, file.toString()));
    }

    @Override
    public synchronized void save(Checkpoint checkpoint) {
        String text = CheckpointText.format(checkpoint);
        Path tmp = null;
        try {
            Files.createDirectories(directory);
            Path file = fileOf(checkpoint.sourceId());
            tmp = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write checkpoint into " + directory, e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temporary file is harmless: loads read only the checkpoint file itself
            }
        }
    }
}
