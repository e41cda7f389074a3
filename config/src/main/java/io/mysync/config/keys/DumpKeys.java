package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.INT;
import static io.mysync.config.def.ConfigType.LONG;
import static io.mysync.config.def.ConfigType.STRING;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import java.util.List;

/** The dump tool's initial load: chunking, parallelism, throttle and where its progress is kept. */
public final class DumpKeys {

    private DumpKeys() {
    }

    public static final ConfigKey<Integer> CHUNK_ROWS = ConfigKey.of("dump.chunk_rows", INT,
            "Rows per chunk: the dump reads each table in key ranges of about this many rows, one SELECT each, and "
                    + "records every finished chunk, so a re-run after a crash skips it.").defaultValue(20_000)
            .validate(Validators.between(100, 10_000_000));

    public static final ConfigKey<Integer> WORKERS = ConfigKey.of("dump.workers", INT,
            "Chunks read at once, each worker on its own connection and consistent snapshot.").defaultValue(4)
            .validate(Validators.between(1, 64));

    public static final ConfigKey<Long> ROWS_PER_SECOND = ConfigKey.of("dump.rows_per_second", LONG,
            "Throttle over all workers, to spare the source; 0 reads as fast as the source and Kafka allow.")
            .defaultValue(0L).validate(Validators.between(0, Long.MAX_VALUE));

    public static final ConfigKey<String> STATE_DIR = ConfigKey.of("dump.state_dir", STRING,
            "Directory of the dump's plan and finished chunks (one file per source); relative paths start at "
                    + "$MYSYNC_STATE_DIR (the image, the systemd units and the Kubernetes manifests set /var/lib/mysync), "
                    + "else at the config file's directory.").defaultValue("dump-state");

    public static final List<ConfigKey<?>> ALL = List.of(CHUNK_ROWS, WORKERS, ROWS_PER_SECOND, STATE_DIR);
}
