package io.mysync.common.kafka;

import java.util.regex.Pattern;

/**
 * Resolves the topic template ({@code mysync.{source}.{database}.{table}}) for a table, and builds the pattern a
 * writer subscribes with. Characters Kafka does not allow in topic names become {@code _}.
 */
public final class TopicNames {

    private static final Pattern ILLEGAL = Pattern.compile("[^a-zA-Z0-9._-]");

    private final String template;
    private final String sourceId;

    public TopicNames(String template, String sourceId) {
        this.template = template;
        this.sourceId = sourceId;
    }

    public String topicOf(String database, String table) {
        return template.replace("{source}", clean(sourceId))
                .replace("{database}", clean(database))
                .replace("{table}", clean(table));
    }

    /** Every topic this source's events can go to. */
    public Pattern subscription() {
        String withSource = template.replace("{source}", clean(sourceId));
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < withSource.length()) {
            if (withSource.startsWith("{database}", i)) {
                regex.append("[a-zA-Z0-9._-]+");
                i += "{database}".length();
            } else if (withSource.startsWith("{table}", i)) {
                regex.append("[a-zA-Z0-9._-]+");
                i += "{table}".length();
            } else {
                regex.append(Pattern.quote(String.valueOf(withSource.charAt(i))));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String clean(String name) {
        return ILLEGAL.matcher(name).replaceAll("_");
    }
}
