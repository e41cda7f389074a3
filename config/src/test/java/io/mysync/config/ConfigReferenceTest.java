package io.mysync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.keys.ConfigDefinitions;
import io.mysync.config.load.ConfigReference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    @Test
    void documentsEveryKey() {
        String reference = ConfigReference.markdown();
        for (ConfigKey<?> key : ConfigDefinitions.ALL) {
            assertThat(reference).contains("`" + key.path() + "`");
            assertThat(key.doc()).isNotBlank();
        }
    }

    /** The documented configuration reference is the generated one, so the two cannot drift apart. */
    @Test
    void docsHoldTheGeneratedReference() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(page).as("docs/configuration.md; regenerate it with ./mysync config reference")
                .contains(ConfigReference.markdown());
    }
}
