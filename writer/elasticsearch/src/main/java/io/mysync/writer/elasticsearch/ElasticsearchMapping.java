package io.mysync.writer.elasticsearch;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a mapped table's rows go in Elasticsearch.
 *
 * @param id document id template; empty means the primary-key values joined with ':'
 * @param decimals how DECIMAL columns are typed in indices MySync creates
 */
@RecordBuilder
public record ElasticsearchMapping(String index, String id, Optional<Path> mappingFile, boolean jsonObjects,
                                   EsDecimals decimals) {
}
