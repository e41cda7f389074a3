package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;

/**
 * Consumer behaviour shared by every sink; see {@link io.mysync.config.keys.WriterKeys}.
 *
 * @param onUndecodable what a record that is no ChangeEvent gets
 * @param joinStateDir  the join stage's local state (a cache of its changelog topics)
 */
@RecordBuilder
public record WriterConfig(String groupTemplate, int batchSize, int threads, Duration pollTimeout, Duration retryBackoff,
                           Duration retryBackoffMax, Duration sessionTimeout, String deadLetterTemplate,
                           UndecodablePolicy onUndecodable, java.nio.file.Path joinStateDir) {

    /** The dead-letter topic of a source (one for all its sinks; each record names its sink). */
    public String deadLetterTopic(String sourceId) {
        return deadLetterTemplate.replace("{source}", sourceId);
    }

    public String groupOf(String sourceId, String sink) {
        return groupTemplate.replace("{source}", sourceId).replace("{sink}", sink);
    }
}
