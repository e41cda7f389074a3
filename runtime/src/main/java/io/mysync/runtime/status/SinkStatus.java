package io.mysync.runtime.status;

import io.mysync.runtime.monitor.AlertLevel;

/**
 * One sink's consumer group as the status command found it.
 *
 * @param groupState         the Kafka group's state (Stable: writers are consuming; Empty: none is running)
 * @param lagRecords         events in the source's topics the group has not committed
 * @param lagSeconds         how long the oldest of them has waited in Kafka (0 without lag)
 * @param deadLettersPending dead letters of this sink not replayed yet
 * @param problem            what could not be read, or empty
 */
public record SinkStatus(String sink, String group, String groupState, int members, long lagRecords,
                         double lagSeconds, long deadLetters, long deadLettersPending, AlertLevel level,
                         String problem) {
}
