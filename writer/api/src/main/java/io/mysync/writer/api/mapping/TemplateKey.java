package io.mysync.writer.api.mapping;

import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.value.ValueText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A key template such as {@code order:{id}} or {@code {database}:{table}:{id}}: literal parts and column
 * placeholders, resolved against a row image.
 */
public final class TemplateKey {

    private final List<String> parts = new ArrayList<>();
    private final List<Boolean> placeholder = new ArrayList<>();
    private final String template;

    public TemplateKey(String template) {
        this.template = template;
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                add(template.substring(i), false);
                break;
            }
            if (open > i) {
                add(template.substring(i, open), false);
            }
            int close = template.indexOf('}', open);
            add(template.substring(open + 1, close), true);
            i = close + 1;
        }
    }

    private void add(String part, boolean isPlaceholder) {
        parts.add(part);
        placeholder.add(isPlaceholder);
    }

    public String resolve(ChangeEvent event, Row image) throws PoisonEventException {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (!placeholder.get(i)) {
                key.append(part);
            } else if (part.equals("database")) {
                key.append(event.getDatabase());
            } else if (part.equals("table")) {
                key.append(event.getTable());
            } else {
                key.append(columnText(event, image, part, "key template " + template));
            }
        }
        return key.toString();
    }

    /**
     * Every key the template makes for one table, as a pattern: {database} and {table} resolved, literal text
     * through {@code literal} (escaping for the store's pattern syntax), each column placeholder as {@code wildcard}.
     */
    public String scope(String database, String table, UnaryOperator<String> literal, String wildcard) {
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (!placeholder.get(i)) {
                pattern.append(literal.apply(part));
            } else if (part.equals("database")) {
                pattern.append(literal.apply(database));
            } else if (part.equals("table")) {
                pattern.append(literal.apply(table));
            } else {
                pattern.append(wildcard);
            }
        }
        return pattern.toString();
    }

    /** Whether a column's value is part of the key (not only {database}, {table} and literal text). */
    public boolean usesColumns() {
        for (int i = 0; i < parts.size(); i++) {
            if (placeholder.get(i) && !parts.get(i).equals("database") && !parts.get(i).equals("table")) {
                return true;
            }
        }
        return false;
    }

    public String template() {
        return template;
    }

    static String columnText(ChangeEvent event, Row image, String name, String user) throws PoisonEventException {
        for (Column column : image.getColumnsList()) {
            if (column.getName().equals(name)) {
                String text = ValueText.of(column.getValue());
                if (text == null) {
                    throw new PoisonEventException(event, user + " uses column " + name
                            + ", which is NULL in this row of " + event.getDatabase() + "." + event.getTable(), null);
                }
                return text;
            }
        }
        throw new PoisonEventException(event, user + " names column " + name + ", which "
                + event.getDatabase() + "." + event.getTable() + " does not have; fix the mapping", null);
    }
}
