package io.mysync.config.keys;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.store.InstalledStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every key MySync reads, in reference order: its own and those of the stores on the class path. */
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
        InstalledStores.all().forEach(store -> {
            all.addAll(store.keys());
            if (store.holdsJoinedDocuments()) {
                all.addAll(DocumentKeys.under("mappings[]." + store.name()));
            }
        });
        all.addAll(DumpKeys.ALL);
        all.addAll(MonitoringKeys.ALL);
        ALL = List.copyOf(all);
    }

    private ConfigDefinitions() {
    }
}
