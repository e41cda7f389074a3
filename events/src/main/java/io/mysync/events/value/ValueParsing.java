package io.mysync.events.value;

import io.mysync.events.v1.Date;
import io.mysync.events.v1.DateTime;
import io.mysync.events.v1.SetValue;
import io.mysync.events.v1.Time;

/**
 * MySQL's text of a temporal or SET value back to the event's value: the inverse of {@link ValueText} for the types
 * whose text is what the server prints (the dump reads them so, the JSON envelope carries them so). Zero dates and
 * zero parts are kept.
 */
public final class ValueParsing {

    private ValueParsing() {
    }

    /** "2024-02-29" and the zero date "0000-00-00". */
    public static Date date(String text) {
        return Date.newBuilder().setYear(Integer.parseInt(text.substring(0, 4)))
                .setMonth(Integer.parseInt(text.substring(5, 7))).setDay(Integer.parseInt(text.substring(8, 10)))
                .build();
    }

    /** "-838:59:59.000000" .. "838:59:59.000000". */
    public static Time time(String text, int fsp) {
        boolean negative = text.startsWith("-");
        String t = negative ? text.substring(1) : text;
        String[] parts = t.split(":");
        long hours = Long.parseLong(parts[0]);
        long minutes = Long.parseLong(parts[1]);
        String sec = parts[2];
        int dot = sec.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? sec : sec.substring(0, dot));
        long micros = dot < 0 ? 0 : fraction(sec.substring(dot + 1));
        long total = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + micros;
        return Time.newBuilder().setMicros(negative ? -total : total).setFsp(fsp).build();
    }

    /** "2024-02-29 13:45:00.123456" as stored, never shifted. */
    public static DateTime datetime(String text, int fsp) {
        int dot = text.indexOf('.');
        return DateTime.newBuilder().setDate(date(text))
                .setHour(Integer.parseInt(text.substring(11, 13))).setMinute(Integer.parseInt(text.substring(14, 16)))
                .setSecond(Integer.parseInt(text.substring(17, 19)))
                .setMicros(dot < 0 ? 0 : (int) fraction(text.substring(dot + 1))).setFsp(fsp).build();
    }

    /** "x,z"; "" is the empty set. */
    public static SetValue set(String text) {
        SetValue.Builder set = SetValue.newBuilder();
        if (!text.isEmpty()) {
            for (String member : text.split(",", -1)) {
                set.addMembers(member);
            }
        }
        return set.build();
    }

    /** Up to six fraction digits as microseconds. */
    private static long fraction(String digits) {
        String six = (digits + "000000").substring(0, 6);
        return Long.parseLong(six);
    }
}
