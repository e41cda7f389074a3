package io.mysync.cli.command;

import io.mysync.config.def.ConfigType;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Command-line durations written like the config file's: {@code 500ms}, {@code 60s}, {@code 5m}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return ConfigType.DURATION_TYPE.parse(value);
    }
}
