package io.mysync.runtime.status;

import io.mysync.runtime.monitor.AlertLevel;
import java.util.List;
import java.util.stream.Stream;

/** One source's reader and sinks, as {@code mysync status} shows them. */
public record SourceStatus(String source, String server, ReaderStatus reader, List<SinkStatus> sinks) {

    /** The worst level of the reader and every sink. */
    public AlertLevel health() {
        return Stream.concat(Stream.of(reader.level()), sinks.stream().map(SinkStatus::level))
                .max(Enum::compareTo).orElse(AlertLevel.OK);
    }
}
