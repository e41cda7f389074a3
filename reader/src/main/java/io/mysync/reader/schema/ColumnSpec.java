package io.mysync.reader.schema;

import com.google.protobuf.ByteString;
import java.nio.charset.Charset;

/**
 * One column as the binlog's table map describes it.
 *
 * @param realType   MySQL type code after resolving CHAR/ENUM/SET packed into STRING
 * @param meta       the table map's metadata for the column (precision/scale, fsp, length bytes...)
 * @param byteLength declared byte length of CHAR/BINARY columns, 0 otherwise
 * @param charset    Java charset of a text column; {@code null} for binary data
 * @param members    ENUM or SET member names in declaration order, empty otherwise
 * @param nameUtf8   the name as UTF-8, encoded once: every event carries it and protobuf writes bytes as they are
 */
public record ColumnSpec(String name, int realType, int meta, int byteLength, boolean unsigned, Charset charset,
                         boolean binaryCharset, String[] members, String typeName, ByteString nameUtf8,
                         ByteString typeNameUtf8) {
}
