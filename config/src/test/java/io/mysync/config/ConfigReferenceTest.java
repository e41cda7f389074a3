package io.mysync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.keys.ConfigDefinitions;
import io.mysync.config.load.ConfigReference;
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
}
