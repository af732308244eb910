package io.flowfile.catalog;

import java.util.UUID;

/**
 * STALE_REVISION: a change to a draft was based on a revision that is no longer its current one
 * (someone else changed it in between). It tells the current revision, so that a caller can answer
 * with it (the server's 409) and the client reloads the draft and applies its change again.
 */
public class StaleRevisionException extends CatalogException {

    private final UUID draftId;
    private final long basedOnRevision;
    private final long currentRevision;

    public StaleRevisionException(UUID draftId, long basedOnRevision, long currentRevision) {
        super(CatalogErrorCode.STALE_REVISION, "draft " + draftId + " is at revision " + currentRevision
                + " but the change was based on revision " + basedOnRevision + ": reload the draft and apply the change again");
        this.draftId = draftId;
        this.basedOnRevision = basedOnRevision;
        this.currentRevision = currentRevision;
    }

    public UUID draftId() {
        return draftId;
    }

    public long basedOnRevision() {
        return basedOnRevision;
    }

    public long currentRevision() {
        return currentRevision;
    }
}
