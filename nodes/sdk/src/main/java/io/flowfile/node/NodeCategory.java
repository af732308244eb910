package io.flowfile.node;

/** Palette groups. */
public enum NodeCategory {
    INPUT,
    TRANSFORM,
    COMBINE,
    AGGREGATE,
    OUTPUT,
    SCRIPT
}
