package io.mysync.config.testing;

import static io.mysync.config.def.ConfigType.STRING;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.load.ConfigValues;
import io.mysync.config.store.StoreSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A store that only exists in tests, so the config module's tests (and those of modules without the writer's stores,
 * through this module's test jar) load files with a {@code sinks.memo} section and {@code memo:} mappings.
 */
public final class MemoStore implements StoreSettings<MemoStore.Sink, MemoStore.Mapping> {

    public static final MemoStore MEMO = new MemoStore();

    public static final ConfigKey<String> URL = ConfigKey.of("sinks.memo.url", STRING, "Where the memo is.")
            .required().validate(Validators.matches("memo://\\S+", "a URL like memo://notes"));

    public static final ConfigKey<String> CA = ConfigKey.of("sinks.memo.ca", STRING, "A CA file.").defaultValue("");

    public static final ConfigKey<String> KEY = ConfigKey.of("mappings[].memo.key", STRING, "Key template.")
            .required().validate(Validators.template());

    public record Sink(String url, Optional<Path> ca) {
    }

    public record Mapping(String key) {
    }

    @Override
    public String name() {
        return "memo";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(URL, CA, KEY);
    }

    @Override
    public List<ConfigKey<String>> rowTemplates() {
        return List.of(KEY);
    }

    @Override
    public boolean holdsJoinedDocuments() {
        return true;
    }

    @Override
    public List<ConfigKey<String>> files() {
        return List.of(CA);
    }

    @Override
    public void check(ConfigValues v, List<ConfigProblem> problems) {
        if ("memo://nowhere".equals(v.get(URL))) {
            problems.add(new ConfigProblem(v.file(), v.lineOf(URL.path()), URL.path(), "the memo is nowhere"));
        }
    }

    @Override
    public Sink sink(ConfigValues v, Path base) {
        return new Sink(v.get(URL), v.path(CA, -1, base));
    }

    @Override
    public Mapping mapping(ConfigValues v, int index, Path base) {
        return new Mapping(v.get(KEY, index));
    }
}
