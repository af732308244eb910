package io.flowfile.catalog.draft;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** The key of a {@link DraftStateEntity}: its draft and its place in the draft's history. */
public class DraftStateKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private UUID draftId;
    private int seq;

    public DraftStateKey() {
    }

    DraftStateKey(UUID draftId, int seq) {
        this.draftId = draftId;
        this.seq = seq;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DraftStateKey that && seq == that.seq && Objects.equals(draftId, that.draftId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(draftId, seq);
    }
}
