package io.mysync.common.position;

/**
 * The last failover marker the reader passed: a random number it wrote into the source's {@code __mysync.anchor}
 * table, which replicates into every replica's own binlog. After a switch to a server that shares no GTIDs with the
 * old one, the reader finds this marker in the new server's binlog and resumes right after it.
 *
 * @param marker  the value written into the anchor row
 * @param nextSeq the seq the first row after the marker's transaction got, so rows replayed from there get the
 *                numbers they had before and stores discard them
 */
public record Anchor(long marker, long nextSeq) {

    public Anchor {
        if (nextSeq < 1) {
            throw new IllegalArgumentException("nextSeq starts at 1: " + nextSeq);
        }
    }

    @Override
    public String toString() {
        return "anchor " + Long.toHexString(marker) + " (next seq " + nextSeq + ")";
    }
}
