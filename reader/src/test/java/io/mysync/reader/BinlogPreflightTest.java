package io.mysync.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.reader.source.BinlogPreflightAccess;
import org.junit.jupiter.api.Test;

class BinlogPreflightTest {

    @Test
    void readsGlobalPrivilegesFromGrantLines() {
        assertThat(BinlogPreflightAccess.globalPrivileges(
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `cdc`@`%`"))
                .containsExactly("REPLICATION SLAVE", "REPLICATION CLIENT");
        assertThat(BinlogPreflightAccess.globalPrivileges("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost`"))
                .containsExactly("ALL PRIVILEGES");
        assertThat(BinlogPreflightAccess.globalPrivileges("GRANT SELECT ON `shop`.* TO `cdc`@`%`")).isEmpty();
        assertThat(BinlogPreflightAccess.globalPrivileges("GRANT USAGE ON *.* TO `x`@`%` IDENTIFIED BY PASSWORD '*'"))
                .containsExactly("USAGE");
    }
}
