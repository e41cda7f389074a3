package io.mysync.runtime.verify;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.RowVerifier;
import java.util.List;

/**
 * A store's verifier for a mapping whose documents join rows: each source row of the document's table is compared
 * as the document the SQL join makes of it ({@link JoinedSourceRows}), with the store's own encoder as for rows.
 */
final class JoinedDocumentVerifier implements RowVerifier {

    private final RowVerifier store;
    private final JoinedSourceRows documents;

    JoinedDocumentVerifier(RowVerifier store, JoinedSourceRows documents) {
        this.store = store;
        this.documents = documents;
    }

    @Override
    public List<String> differences(List<ChangeEvent> rows) {
        return store.differences(documents.documents(rows));
    }

    @Override
    public boolean maps(String database, String table) {
        return store.maps(database, table);
    }

    @Override
    public String locationOf(ChangeEvent row) {
        return store.locationOf(documents.documents(List.of(row)).get(0));
    }

    /** Closes the connection the joined rows are read on; the store's verifier is closed by its owner. */
    @Override
    public void close() {
        documents.close();
    }
}
