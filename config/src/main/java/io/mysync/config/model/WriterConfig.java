package io.mysync.config.model;

import java.time.Duration;

/** Consumer behaviour shared by every sink; see {@code WriterKeys}. */
public record WriterConfig(String groupTemplate, int batchSize, int threads, Duration pollTimeout, Duration retryBackoff,
                           Duration retryBackoffMax, Duration sessionTimeout) {

    public String groupOf(String sourceId, String sink) {
        return groupTemplate.replace("{source}", sourceId).replace("{sink}", sink);
    }
}
