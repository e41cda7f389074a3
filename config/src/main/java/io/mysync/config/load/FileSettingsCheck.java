package io.mysync.config.load;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.keys.ElasticsearchKeys;
import io.mysync.config.keys.HBaseKeys;
import io.mysync.config.keys.SourceKeys;
import io.mysync.config.keys.WriterKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Settings that name a file (certificates, keys, site files): each must be readable where the process runs. */
final class FileSettingsCheck {

    static final List<ConfigKey<String>> FILES = List.of(SourceKeys.SSL_CA, SourceKeys.SSL_CERT, SourceKeys.SSL_KEY,
            WriterKeys.REDIS_SSL_CA, WriterKeys.REDIS_SSL_CERT, WriterKeys.REDIS_SSL_KEY, ElasticsearchKeys.SSL_CA,
            HBaseKeys.SITE_FILE);

    private FileSettingsCheck() {
    }

    static void check(ConfigValues v, Path base, List<ConfigProblem> problems) {
        for (ConfigKey<String> key : FILES) {
            String value = v.get(key);
            if (!value.isBlank() && !Files.isReadable(base.resolve(value))) {
                problems.add(new ConfigProblem(v.file(), v.lineOf(key.path()), key.path(), "cannot read "
                        + base.resolve(value).normalize() + ": mount the file there or fix the path"));
            }
        }
    }
}
