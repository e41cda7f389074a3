package io.mysync.writer.elasticsearch;

/** How DECIMAL columns are typed in the indices MySync creates ({@code mappings[].elasticsearch.decimals}). */
public enum EsDecimals {
    /**
     * Exact: {@code scaled_float} with scaling factor 10^scale when every value of the declared precision fits a
     * double's 53-bit mantissa exactly (precision at most 15), {@code keyword} otherwise.
     */
    EXACT,
    /** {@code double}: range queries on any precision, the digits past the 15th or so rounded in the index. */
    DOUBLE
}
