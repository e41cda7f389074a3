package io.mysync.config.load;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.keys.SourceKeys;
import io.mysync.config.store.InstalledStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Settings that name a file (certificates, keys, site files): each must be readable where the process runs. */
final class FileSettingsCheck {

    private static final List<ConfigKey<String>> FILES = files();

    private FileSettingsCheck() {
    }

    private static List<ConfigKey<String>> files() {
        List<ConfigKey<String>> files = new java.util.ArrayList<>(List.of(SourceKeys.SSL_CA, SourceKeys.SSL_CERT,
                SourceKeys.SSL_KEY));
        InstalledStores.all().forEach(store -> files.addAll(store.files()));
        return List.copyOf(files);
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
