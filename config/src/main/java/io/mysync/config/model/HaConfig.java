package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reader high availability; see {@code ReaderKeys.HA_*}. Disabled when {@code zookeeper} is empty.
 *
 * @param digest           the digest login, when {@code ha.username} is set
 * @param clientProperties ZooKeeper client settings ({@code ha.properties}): SASL, TLS
 */
@RecordBuilder
public record HaConfig(String zookeeper, String root, Duration sessionTimeout, Optional<Credentials> digest,
                       Map<String, String> clientProperties) {

    public HaConfig(String zookeeper, String root, Duration sessionTimeout) {
        this(zookeeper, root, sessionTimeout, Optional.empty(), Map.of());
    }

    public boolean enabled() {
        return !zookeeper.isBlank();
    }

    /** Whether MySync logs in to ZooKeeper (digest or SASL), so its znodes can be its identity's only. */
    public boolean authenticated() {
        return digest.isPresent() || "true".equalsIgnoreCase(clientProperties.get("zookeeper.sasl.client"));
    }

    /** The ZooKeeper path of one source's election and checkpoint. */
    public String sourcePath(String sourceId) {
        return root + "/" + sourceId;
    }
}
