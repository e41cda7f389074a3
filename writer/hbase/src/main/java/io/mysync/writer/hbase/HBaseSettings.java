package io.mysync.writer.hbase;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.load.ConfigValues;
import io.mysync.config.store.StoreSettings;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code sinks.hbase} and the mappings' {@code hbase:} sections ({@link HBaseConfigKeys}). */
public final class HBaseSettings implements StoreSettings<HBaseSinkConfig, HBaseMapping> {

    /** The store, for typed lookups: {@code config.sink(HBASE)}, {@code mapping.options(HBASE)}. */
    public static final HBaseSettings HBASE = new HBaseSettings();

    @Override
    public String name() {
        return HBaseSink.NAME;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return HBaseConfigKeys.ALL;
    }

    @Override
    public List<ConfigKey<String>> rowTemplates() {
        return List.of(HBaseConfigKeys.ROWKEY);
    }

    @Override
    public List<ConfigKey<String>> files() {
        return List.of(HBaseConfigKeys.SITE_FILE);
    }

    @Override
    public HBaseSinkConfig sink(ConfigValues v, Path base) {
        return HBaseSinkConfigBuilder.builder()
                .zookeeper(v.get(HBaseConfigKeys.ZOOKEEPER))
                .znodeParent(v.get(HBaseConfigKeys.ZNODE_PARENT))
                .timeout(v.get(HBaseConfigKeys.TIMEOUT))
                .writeBufferBytes(v.get(HBaseConfigKeys.WRITE_BUFFER))
                .siteFile(v.path(HBaseConfigKeys.SITE_FILE, -1, base))
                .properties(v.get(HBaseConfigKeys.PROPERTIES))
                .build();
    }

    @Override
    public HBaseMapping mapping(ConfigValues v, int index, Path base) {
        return HBaseMappingBuilder.builder()
                .table(v.get(HBaseConfigKeys.TABLE, index))
                .family(v.get(HBaseConfigKeys.FAMILY, index))
                .rowkey(v.get(HBaseConfigKeys.ROWKEY, index))
                .saltBuckets(v.get(HBaseConfigKeys.SALT_BUCKETS, index))
                .encoding(v.get(HBaseConfigKeys.ENCODING, index))
                .build();
    }
}
