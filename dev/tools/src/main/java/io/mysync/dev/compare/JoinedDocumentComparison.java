package io.mysync.dev.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.config.model.MySyncConfig;
import io.mysync.runtime.verify.LiveVerification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A joined Elasticsearch index against the source: every document compared with the join of its row's children and
 * referenced rows (what {@code mysync verify} does for joined documents), and no document left over for a row that
 * does not exist.
 */
public final class JoinedDocumentComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JoinedDocumentComparison() {
    }

    public static ComparisonResult compare(MySyncConfig config, Connection db, String url, String index,
                                           String database, String table) throws Exception {
        LiveVerification.Options options = new LiveVerification.Options(List.of(database + "." + table),
                List.of("elasticsearch"), 100, 0, Duration.ofMinutes(2), 3, false);
        LiveVerification.TableResult result = new LiveVerification(config, options, line -> { }).run().stream()
                .filter(r -> r.table().equals(database + "." + table)).findFirst().orElseThrow();
        HTTP.send(HttpRequest.newBuilder(URI.create(url + "/" + index + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        long documents = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/" + index + "/_count"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("count").asLong();
        long rows;
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + database + "`.`" + table + "`")) {
            rs.next();
            rows = rs.getLong(1);
        }
        List<String> examples = result.differences().stream().limit(3)
                .map(d -> d.key() + ": " + d.difference()).toList();
        return new ComparisonResult(result.rowsChecked(), result.differences().size() + result.unsettled().size(),
                Math.max(0, documents - rows), examples);
    }
}
