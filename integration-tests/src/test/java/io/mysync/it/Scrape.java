package io.mysync.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scrape of a process's endpoint, parsed from the Prometheus text format: each series with its labels. */
final class Scrape {

    record Series(String name, Map<String, String> labels, double value) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Series> series;

    private Scrape(List<Series> series) {
        this.series = series;
    }

    /** An HTTP GET: status code and body. */
    record Response(int status, String body) {
    }

    static Response get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    static Scrape of(int port) throws Exception {
        Response response = get(port, "/metrics");
        if (response.status() != 200) {
            throw new AssertionError("/metrics answered " + response.status());
        }
        return parse(response.body());
    }

    static Scrape parse(String text) {
        List<Series> all = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"")
                        .matcher(body);
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
            }
            all.add(new Series(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return new Scrape(all);
    }

    /** The series of a name whose labels include every given {@code key, value} pair. */
    List<Series> all(String name, String... labels) {
        return series.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    double sum(String name, String... labels) {
        return all(name, labels).stream().mapToDouble(Series::value).sum();
    }

    /** The one series of a name with these labels. */
    double value(String name, String... labels) {
        List<Series> found = all(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("expected one series " + name + " " + List.of(labels) + ", found " + found);
        }
        return found.get(0).value();
    }
}
