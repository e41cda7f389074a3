package io.mysync.config.model;

/** How a joined document holds a table's child rows: an array ordered by their key, or an object keyed by it. */
public enum NestForm {
    ARRAY, MAP
}
