package io.mysync.writer.api.mapping;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;

/** A document id or row key: the mapping's template, or the primary-key values joined with ':' when it has none. */
public final class RowIds {

    private final TemplateKey template;

    public RowIds(String template) {
        this.template = template.isBlank() ? null : new TemplateKey(template);
    }

    /** The text every id of one table starts with: the template up to its first column placeholder. */
    public String prefix(String database, String table) {
        if (template == null) {
            return "";
        }
        String marked = template.scope(database, table, text -> text, "\u0000");
        int cut = marked.indexOf('\u0000');
        return cut < 0 ? marked : marked.substring(0, cut);
    }

    public String of(MappedChange change) throws PoisonEventException {
        ChangeEvent event = change.event();
        if (template != null) {
            return template.resolve(event, change.keyImage());
        }
        StringBuilder id = new StringBuilder();
        for (String column : event.getPrimaryKeyList()) {
            if (!id.isEmpty()) {
                id.append(':');
            }
            id.append(TemplateKey.columnText(event, change.keyImage(), column, "primary key"));
        }
        if (id.isEmpty()) {
            throw new PoisonEventException(event, event.getDatabase() + "." + event.getTable() + " has no primary "
                    + "key, so its rows have no id: set an id/rowkey template in its mapping", null);
        }
        return id.toString();
    }
}
