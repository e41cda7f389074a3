package io.mysync.writer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.StoreRefusedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each item of a bulk answer: applied, older than the index's, refused for good, or to be sent again. */
class EsBulkResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ChangeEvent> events = List.of(event(1), event(2), event(3), event(4));

    private static ChangeEvent event(long seq) {
        return ChangeEvent.newBuilder().setSeq(seq).setDatabase("shop").setTable("orders").build();
    }

    private static JsonNode answer(String items) throws Exception {
        return JSON.readTree("{\"errors\":true,\"items\":[" + items + "]}");
    }

    @Test
    void anAnswerWithoutErrorsAppliedEverything() throws Exception {
        EsBulkResults.Outcome outcome = EsBulkResults.read(JSON.readTree("{\"errors\":false}"), events);
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.retriable()).isEmpty();
    }

    @Test
    void aVersionConflictIsANewerChangeAlreadyThereAndAMappingConflictIsADeadLetterWithTheFix() throws Exception {
        EsBulkResults.Outcome outcome = EsBulkResults.read(answer("""
                {"index":{"status":201}},
                {"index":{"status":409,"error":{"type":"version_conflict_engine_exception","reason":"newer"}}},
                {"index":{"status":400,"error":{"type":"document_parsing_exception","reason":"failed to parse field [placed_on]",
                  "caused_by":{"type":"illegal_argument_exception","reason":"not a date"}}}},
                {"delete":{"status":200}}"""), events);
        assertThat(outcome.retriable()).isEmpty();
        assertThat(outcome.rejected()).singleElement().satisfies(r -> {
            assertThat(r.event()).isEqualTo(events.get(2));
            assertThat(r.errorClass()).isEqualTo("document_parsing_exception");
            assertThat(r.message()).contains("400 failed to parse field [placed_on]",
                    "(illegal_argument_exception: not a date)", "did the column's type change?");
        });
    }

    @Test
    void aFullQueueOrAMissingIndexIsSentAgainAndTheIndexMadeAgain() throws Exception {
        EsBulkResults.Outcome outcome = EsBulkResults.read(answer("""
                {"index":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}},
                {"index":{"status":404,"_index":"orders","error":{"type":"index_not_found_exception","reason":"no such index [orders]"}}}"""),
                events);
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.retriable()).hasValueSatisfying(r -> assertThat(r).contains("index_not_found_exception"));
        assertThat(outcome.missingIndices()).containsExactly("orders");
    }

    @Test
    void aMissingPrivilegeOnAnItemStopsTheWriter() throws Exception {
        JsonNode denied = answer("""
                {"index":{"status":403,"error":{"type":"security_exception","reason":"action [indices:data/write/index] is unauthorized"}}}""");
        assertThatThrownBy(() -> EsBulkResults.read(denied, events)).isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("403");
    }
}
