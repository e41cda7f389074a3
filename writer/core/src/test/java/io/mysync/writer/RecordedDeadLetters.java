package io.mysync.writer;

import io.mysync.writer.deadletter.DeadLetter;
import io.mysync.writer.deadletter.DeadLetterQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A dead-letter queue that keeps what it is sent, for the writer's unit tests. */
final class RecordedDeadLetters implements DeadLetterQueue {

    final List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
    volatile boolean closed;

    @Override
    public String topic() {
        return "mysync.s.dead_letters";
    }

    @Override
    public long send(DeadLetter letter) {
        letters.add(letter);
        return letters.size() - 1;
    }

    @Override
    public void close() {
        closed = true;
    }
}
