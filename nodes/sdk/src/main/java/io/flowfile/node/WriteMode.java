package io.flowfile.node;

/** What a writer does when its target file exists. */
public enum WriteMode {
    OVERWRITE,
    FAIL_IF_EXISTS
}
