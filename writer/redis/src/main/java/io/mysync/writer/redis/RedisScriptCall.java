package io.mysync.writer.redis;

import io.mysync.events.v1.ChangeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes applied by one call of the apply script (all in one slot in a cluster), and the events they came from.
 *
 * @param slot the cluster slot of every key of the call; 0 on a single server
 */
record RedisScriptCall(int slot, List<RedisCommand> commands, List<ChangeEvent> sources) {

    /** At most this many changes a call: a long script call blocks the server's one thread for every client. */
    static final int CHANGES_PER_CALL = 50;

    /**
     * Cuts the changes into calls of up to {@value #CHANGES_PER_CALL}, in order; in a cluster a call holds one slot's
     * changes (a row's changes share its slot, so they stay in order within their call).
     */
    static List<RedisScriptCall> of(List<RedisCommand> commands, List<ChangeEvent> sources, boolean cluster) {
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            int slot = cluster ? RedisKeys.slot(commands.get(i).keys().get(0)) : 0;
            bySlot.computeIfAbsent(slot, s -> new ArrayList<>()).add(i);
        }
        List<RedisScriptCall> calls = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> slot : bySlot.entrySet()) {
            List<Integer> indexes = slot.getValue();
            for (int from = 0; from < indexes.size(); from += CHANGES_PER_CALL) {
                List<Integer> part = indexes.subList(from, Math.min(indexes.size(), from + CHANGES_PER_CALL));
                calls.add(new RedisScriptCall(slot.getKey(), part.stream().map(commands::get).toList(),
                        part.stream().map(sources::get).toList()));
            }
        }
        return calls;
    }

    List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>(commands.size() * 2);
        commands.forEach(command -> keys.addAll(command.keys()));
        return keys;
    }

    List<byte[]> args() {
        List<byte[]> args = new ArrayList<>(commands.size() * 16);
        commands.forEach(command -> args.addAll(command.args()));
        return args;
    }
}
