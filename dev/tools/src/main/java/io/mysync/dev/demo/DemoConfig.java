package io.mysync.dev.demo;

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
                # Written by ./mysync demo: the sandbox's %s into its Kafka, Redis, Elasticsearch and HBase.
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
                metrics:
                  bind: 127.0.0.1
                  port: 0                  # any free port; the demo prints it
                sinks:
                  redis:
                    url: %6$s
                  elasticsearch:
                    hosts: [ "%7$s" ]
                    index_replicas: 0        # one node: a replica could never be assigned
                  hbase:
                    zookeeper: "%8$s"
                mappings:
                  - table: %9$s.customers
                    redis: { key: "%2$s:customer:{id}", type: hash }
                    elasticsearch:             # a joined document: each customer with its orders and their products
                      index: "%2$s_customer_orders"
                      nest:
                        - table: %9$s.orders
                          parent_key: [ customer_id ]
                          path: orders
                          columns: [ id, sku, qty, total, state ]
                          lookup:
                            - { table: %9$s.products, key: [ sku ], into: product, columns: [ title, price ] }
                    hbase: { table: "%2$s_customers" }
                  - table: %9$s.products
                    redis: { key: "%2$s:product:{sku}", type: hash }
                    elasticsearch: { index: "%2$s_products" }
                    hbase: { table: "%2$s_products" }
                  - table: %9$s.orders
                    redis: { key: "%2$s:order:{id}", type: hash }
                    elasticsearch: { index: "%2$s_orders" }
                    hbase: { table: "%2$s_orders" }
                """.formatted(source.name(), runId, source.sourceUrl(), SqlServer.PASSWORD,
                sandbox.kafka().endpoint(), sandbox.redis().url(), sandbox.elasticsearch().url(),
                sandbox.hbase().zookeeperQuorum(), database);
        Files.createDirectories(dir);
        Path file = dir.resolve("mysync.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
