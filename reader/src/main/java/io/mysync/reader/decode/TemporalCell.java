package io.mysync.reader.decode;

import java.io.Serializable;

/** Date and time cells exactly as stored, before any calendar or zone arithmetic. */
public sealed interface TemporalCell extends Serializable {

    /** DATE, or the date part of DATETIME; zero parts allowed. */
    record DateCell(int year, int month, int day) implements TemporalCell {
    }

    /** TIME as a signed number of microseconds. */
    record TimeCell(long micros) implements TemporalCell {
    }

    record DateTimeCell(int year, int month, int day, int hour, int minute, int second, int micros)
            implements TemporalCell {
    }

    /** TIMESTAMP as seconds since the epoch (UTC) plus microseconds; 0/0 is the zero timestamp. */
    record TimestampCell(long epochSecond, int micros) implements TemporalCell {
    }
}
