package io.mysync.runtime.status;

import io.mysync.runtime.monitor.AlertLevel;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.Position;
import java.util.List;
import java.util.Optional;

/**
 * What the status command found out about a source's reader.
 *
 * @param elected    whether the source's readers run an election (ha.zookeeper)
 * @param members    the election's readers, leader first (empty without an election)
 * @param serverEnd  the source's end of binlog, when the source answered
 * @param lagSeconds how far the checkpoint is behind the source: 0 at the end, else now minus the commit time of
 *                   its last transaction; NaN when unknown
 * @param problem    what could not be read, or empty
 */
public record ReaderStatus(boolean elected, List<String> members, Optional<Checkpoint> checkpoint,
                           String checkpointWhere, Optional<Position> serverEnd, double lagSeconds,
                           AlertLevel level, String problem) {

    public Optional<String> leader() {
        return members.isEmpty() ? Optional.empty() : Optional.of(members.get(0));
    }

    public List<String> standbys() {
        return members.size() <= 1 ? List.of() : members.subList(1, members.size());
    }
}
