package io.mysync.writer.hbase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order of the client's settings: the site file, then MySync's own keys, then {@code properties}. */
class HBaseClientSettingsTest {

    @TempDir
    Path dir;

    @Test
    void siteFileThenOwnKeysThenProperties() throws Exception {
        Path site = dir.resolve("hbase-site.xml");
        Files.writeString(site, """
                <?xml version="1.0"?>
                <configuration>
                  <property><name>hbase.security.authentication</name><value>kerberos</value></property>
                  <property><name>hbase.zookeeper.quorum</name><value>site-zk:2181</value></property>
                  <property><name>hbase.rpc.protection</name><value>authentication</value></property>
                </configuration>
                """);
        HBaseSinkConfig hbase = HBaseSinkConfigBuilder.builder().zookeeper("zk-1:2181").znodeParent("/hbase")
                .timeout(Duration.ofSeconds(30)).writeBufferBytes(1 << 20).siteFile(Optional.of(site))
                .properties(Map.of("hbase.rpc.protection", "privacy", "zookeeper.recovery.retry", "3")).build();

        Configuration conf = HBaseSinkFactory.configuration(hbase);

        assertThat(conf.get("hbase.security.authentication")).as("from the site file").isEqualTo("kerberos");
        assertThat(conf.get("hbase.zookeeper.quorum")).as("sinks.hbase.zookeeper wins").isEqualTo("zk-1:2181");
        assertThat(conf.get("hbase.rpc.protection")).as("properties win over the site file").isEqualTo("privacy");
        assertThat(conf.get("zookeeper.recovery.retry")).as("properties win over MySync's").isEqualTo("3");
    }
}
