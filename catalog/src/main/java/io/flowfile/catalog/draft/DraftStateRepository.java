package io.flowfile.catalog.draft;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class DraftStateRepository implements PanacheRepositoryBase<DraftStateEntity, DraftStateKey> {

    public DraftStateEntity get(UUID draftId, int seq) {
        return findById(new DraftStateKey(draftId, seq));
    }

    /** Deletes the states after {@code seq} (the redo history). */
    public long deleteAfter(UUID draftId, int seq) {
        return delete("draftId = ?1 and seq > ?2", draftId, seq);
    }

    /** Deletes the states before {@code seq} (the oldest history). */
    public long deleteBefore(UUID draftId, int seq) {
        return delete("draftId = ?1 and seq < ?2", draftId, seq);
    }

    public long countForDraft(UUID draftId) {
        return count("draftId", draftId);
    }
}
