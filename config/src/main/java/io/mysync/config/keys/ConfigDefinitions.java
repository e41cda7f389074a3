package io.mysync.config.keys;

import io.mysync.config.def.ConfigKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every key MySync reads, in reference order. */
public final class ConfigDefinitions {

    /** Sections a config file must have. */
    public static final Set<String> REQUIRED_SECTIONS = Set.of("source", "kafka", "mappings");

    public static final List<ConfigKey<?>> ALL;

    static {
        List<ConfigKey<?>> all = new ArrayList<>();
        all.addAll(SourceKeys.ALL);
        all.addAll(KafkaKeys.ALL);
        all.addAll(ReaderKeys.ALL);
        all.addAll(WriterKeys.ALL);
        all.addAll(MappingKeys.ALL);
        all.addAll(ElasticsearchKeys.ALL);
        all.addAll(HBaseKeys.ALL);
        all.addAll(DumpKeys.ALL);
        all.addAll(MonitoringKeys.ALL);
        ALL = List.copyOf(all);
    }

    private ConfigDefinitions() {
    }
}
