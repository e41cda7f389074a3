package io.mysync.cli.demo;

import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the YAML a user would write for the demo schema on the sandbox. */
public final class DemoConfig {

    private DemoConfig() {
    }

    public static Path write(Path dir, Sandbox sandbox, SqlServer source, String runId, String database)
            throws java.io.IOException {
        String yaml = """
                # Written by ./mysync demo: the sandbox's %s into its Kafka and Redis.
                source:
                  id: %s
                  url: %s
                  password: ${MYSYNC_DEMO_PASSWORD:-%s}
                  server_id: 54021
                  start: latest
                kafka:
                  bootstrap: %s
                  partitions: 6
                  replication_factor: 1
                checkpoint:
                  dir: checkpoints
                  interval: 200ms
                sinks:
                  redis:
                    url: %s
                mappings:
                  - table: %s.customers
                    redis: { key: "%s:customer:{id}", type: hash }
                  - table: %s.products
                    redis: { key: "%s:product:{sku}", type: hash }
                  - table: %s.orders
                    redis: { key: "%s:order:{id}", type: hash }
                """.formatted(source.name(), runId, source.sourceUrl(), SqlServer.PASSWORD,
                sandbox.kafka().endpoint(), sandbox.redis().url(), database, runId, database, runId, database,
                runId);
        Files.createDirectories(dir);
        Path file = dir.resolve("mysync.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
