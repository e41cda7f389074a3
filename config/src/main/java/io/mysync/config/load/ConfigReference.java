package io.mysync.config.load;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.keys.ConfigDefinitions;

/** The configuration reference in Markdown, generated from the key definitions (docs/configuration.md embeds it). */
public final class ConfigReference {

    private ConfigReference() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder("| key | type | default | description |\n|---|---|---|---|\n");
        for (ConfigKey<?> key : ConfigDefinitions.ALL) {
            out.append("| `").append(key.path()).append("` | ").append(key.type().name().replace("|", "\\|"))
                    .append(" | ").append(defaultText(key)).append(" | ")
                    .append(key.doc().replace("|", "\\|")).append(key.isSecret() ? " (secret: masked in logs)" : "")
                    .append(" |\n");
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> String defaultText(ConfigKey<T> key) {
        if (key.isRequired()) {
            return "**required**";
        }
        String text = key.type().format(key.defaultValue());
        return text.isEmpty() ? "(empty)" : "`" + text + "`";
    }
}
