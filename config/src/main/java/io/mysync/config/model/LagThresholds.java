package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;

/**
 * When a lag alert fires: at {@code warn} or {@code critical} once the lag stayed above it for {@code holdFor}.
 */
@RecordBuilder
public record LagThresholds(Duration warn, Duration critical, Duration holdFor) {
}
