package io.mysync.config.model;

/** Whether the reader checkpoints and resumes by GTID. AUTO uses GTIDs when the server has them. */
public enum GtidMode { AUTO, ON, OFF }
