package io.flowfile.catalog.draft;

/** A draft with its current state (a row of {@link DraftRepository#listWithState}). */
record DraftWithState(DraftEntity draft, DraftStateEntity state) {
}
