package io.mysync.writer.hbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.client.OperationTimeoutExceededException;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.RetriesExhaustedWithDetailsException;
import org.apache.hadoop.hbase.client.Row;
import org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException;
import org.junit.jupiter.api.Test;

/** Which failed rows the HBase sink dead-letters and which make it retry the batch. */
class HBaseFailureClassificationTest {

    private final Put put = new Put(new byte[] {'1'});
    private final ChangeEvent event = ChangeEvent.newBuilder().setSeq(7).setTable("customers").build();
    private final Map<Row, ChangeEvent> eventOf = new IdentityHashMap<>(Map.of(put, event));

    @Test
    void aRowHBaseWillNeverTakeIsRejected() throws Exception {
        List<RejectedEventsException.Rejection> rejected = new ArrayList<>();

        HBaseSink.classify(failed(new NoSuchColumnFamilyException("family x does not exist")), eventOf, rejected);

        assertThat(rejected).extracting(RejectedEventsException.Rejection::event).containsExactly(event);
    }

    /** What an HBase that is starting up answers (seen in StoreOutageIT): the row is fine, the batch is retried. */
    @Test
    void anOperationTimeoutIsRetriedNotRejected() {
        List<RejectedEventsException.Rejection> rejected = new ArrayList<>();

        assertThatThrownBy(() -> HBaseSink.classify(failed(new OperationTimeoutExceededException(
                "Operation timeout exceeded during resolution of region locations")), eventOf, rejected))
                .isInstanceOf(RetriableSinkException.class);
        assertThat(rejected).isEmpty();
    }

    private RetriesExhaustedWithDetailsException failed(Throwable cause) {
        return new RetriesExhaustedWithDetailsException(List.of(cause), List.of(put), List.of("127.0.0.1:16020"));
    }
}
