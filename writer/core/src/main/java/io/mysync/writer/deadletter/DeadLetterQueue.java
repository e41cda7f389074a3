package io.mysync.writer.deadletter;

import io.mysync.events.v1.ChangeEvent;

/** Where a writer puts what a store will never accept; {@link DeadLetters} is the Kafka topic behind it. */
public interface DeadLetterQueue extends AutoCloseable {

    /** The topic the letters go to, which the writer never reads as events. */
    String topic();

    /** Returns once the letter is stored; throws when it cannot be (the writer then stops without committing). */
    long send(DeadLetter letter);

    default void send(String sink, ChangeEvent event, String errorClass, String message, int attempts) {
        send(DeadLetter.of(sink, event, errorClass, message, attempts));
    }

    @Override
    void close();
}
