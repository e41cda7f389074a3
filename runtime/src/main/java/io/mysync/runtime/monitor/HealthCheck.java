package io.mysync.runtime.monitor;

/** One part's answer to "is it alive" and "should it get traffic", with the reason in words. */
public record HealthCheck(String part, boolean up, String detail) {
}
