package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_LIST;

import io.mysync.config.def.ConfigKey;
import java.time.Duration;
import java.util.List;

/** Checkpointing and table filters of the reader. */
public final class ReaderKeys {

    private ReaderKeys() {
    }

    public static final ConfigKey<String> CHECKPOINT_DIR = ConfigKey.of("checkpoint.dir", STRING,
            "Directory of the reader's checkpoint file; relative paths start at the config file's directory.")
            .defaultValue("checkpoints");

    public static final ConfigKey<Duration> CHECKPOINT_INTERVAL = ConfigKey.of("checkpoint.interval",
            DURATION_TYPE, "Longest time between two checkpoint writes while events flow.")
            .defaultValue(Duration.ofSeconds(1));

    public static final ConfigKey<List<String>> INCLUDE = ConfigKey.of("filters.include", STRING_LIST,
            "Tables to capture as DB.TABLE patterns ('*' matches any run of characters); empty means every "
                    + "table some mapping names.").defaultValue(List.of());

    public static final ConfigKey<List<String>> EXCLUDE = ConfigKey.of("filters.exclude", STRING_LIST,
            "Tables never captured, as DB.TABLE patterns; wins over include.").defaultValue(List.of());

    public static final List<ConfigKey<?>> ALL = List.of(CHECKPOINT_DIR, CHECKPOINT_INTERVAL, INCLUDE, EXCLUDE);
}
