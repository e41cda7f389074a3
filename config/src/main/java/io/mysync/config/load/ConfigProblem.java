package io.mysync.config.load;

/** One thing wrong with a config file, located well enough to fix it without guessing. */
public record ConfigProblem(String file, int line, String key, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
