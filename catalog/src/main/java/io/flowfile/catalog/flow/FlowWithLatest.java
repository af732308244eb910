package io.flowfile.catalog.flow;

/** A flow with its latest version (a row of {@link FlowRepository#listWithLatest}). */
record FlowWithLatest(FlowEntity flow, FlowVersionEntity latest) {
}
