package io.flowfile.catalog.draft;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.StaleRevisionException;
import io.flowfile.catalog.api.DraftRecord;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Drafts: flow documents users are designing. The server applies an edit to the current document and
 * saves the result, naming the revision it started from; a save, undo or redo based on a revision that
 * is no longer the current one fails with {@link StaleRevisionException} (STALE_REVISION, which tells
 * the current revision). Changes of one draft are served one at a time by a lock on its row, so of two
 * changes based on the same revision exactly one succeeds. Every save, undo and redo makes the next
 * revision; a save discards the states that were undone. A draft keeps its last
 * {@value #MAX_HISTORY} states (the oldest go first). Documents are kept as given (the catalog does
 * not read them), up to {@link #MAX_DOCUMENT_CHARS} characters and without NUL characters, which
 * PostgreSQL cannot store (JSON text escapes them).
 */
@ApplicationScoped
public class DraftService {

    /** States kept per draft, the current one included. */
    public static final int MAX_HISTORY = 200;
    /** The longest document (and last run) a draft keeps, in characters: 4 Mi. */
    public static final int MAX_DOCUMENT_CHARS = 4 << 20;
    public static final int MAX_NAME = 128;

    private final DraftRepository drafts;
    private final DraftStateRepository states;

    public DraftService(DraftRepository drafts, DraftStateRepository states) {
        this.drafts = drafts;
        this.states = states;
    }

    /**
     * A new draft at revision 1.
     *
     * @param owner    the username of the user it belongs to
     * @param name     1-128 characters
     * @param document the flow document as JSON text
     */
    @Transactional
    public DraftRecord create(String owner, String name, String document) {
        Checks.username(owner, "owner of a draft");
        checkState(name, document);
        DraftEntity draft = new DraftEntity(owner, Times.now());
        DraftStateEntity state = new DraftStateEntity(draft.id(), draft.position(), name, document);
        drafts.persist(draft);
        states.persist(state);
        return draft.toRecord(state);
    }

    /** DRAFT_NOT_FOUND when no draft has that id. */
    @Transactional
    public DraftRecord get(UUID id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Optional<DraftRecord> find(UUID id) {
        Checks.notNull(id, "draft id");
        return drafts.findByIdOptional(id).map(this::toRecord);
    }

    /** The drafts of {@code owner}, or every draft when empty, the most recently changed first. */
    @Transactional
    public List<DraftRecord> list(Optional<String> owner) {
        Checks.notNull(owner, "owner");
        owner.ifPresent(name -> Checks.username(name, "owner of a draft"));
        return drafts.listWithState(owner).stream().map(row -> row.draft().toRecord(row.state())).toList();
    }

    /** Deletes the draft with its history; DRAFT_NOT_FOUND when there is none. */
    @Transactional
    public void delete(UUID id) {
        drafts.delete(locked(id));
    }

    /**
     * Makes {@code name} and {@code document} the draft's current state, at the next revision; the
     * states that were undone are discarded.
     *
     * @param basedOnRevision the revision the change was made from: STALE_REVISION unless it is the current one
     */
    @Transactional
    public DraftRecord save(UUID id, long basedOnRevision, String name, String document) {
        checkState(name, document);
        DraftEntity draft = current(id, basedOnRevision);
        if (draft.canRedo()) {
            states.deleteAfter(id, draft.position());
        }
        DraftStateEntity state = new DraftStateEntity(id, draft.advance(Times.now()), name, document);
        states.persist(state);
        int oldestKept = draft.lastSeq() - MAX_HISTORY + 1;
        if (oldestKept > draft.firstSeq()) {
            states.deleteBefore(id, oldestKept);
            draft.keepFrom(oldestKept);
        }
        return draft.toRecord(state);
    }

    /** Goes back to the state before the current one, at the next revision; NOTHING_TO_UNDO when none is kept. */
    @Transactional
    public DraftRecord undo(UUID id, long basedOnRevision) {
        DraftEntity draft = current(id, basedOnRevision);
        if (!draft.canUndo()) {
            throw new CatalogException(CatalogErrorCode.NOTHING_TO_UNDO, "draft " + id + " has nothing to undo: its current state"
                    + " is the oldest one it keeps");
        }
        draft.undo(Times.now());
        return toRecord(draft);
    }

    /** Goes forward to the state that was undone last, at the next revision; NOTHING_TO_REDO when there is none. */
    @Transactional
    public DraftRecord redo(UUID id, long basedOnRevision) {
        DraftEntity draft = current(id, basedOnRevision);
        if (!draft.canRedo()) {
            throw new CatalogException(CatalogErrorCode.NOTHING_TO_REDO, "draft " + id + " has nothing to redo: no change of it"
                    + " was undone since its last save");
        }
        draft.redo(Times.now());
        return toRecord(draft);
    }

    /** Keeps what the server says about the draft's last run (opaque JSON text); the revision stays. */
    @Transactional
    public DraftRecord setLastRun(UUID id, String json) {
        Checks.notNull(json, "last run of draft " + id);
        Checks.optionalText(json, "last run of draft " + id, MAX_DOCUMENT_CHARS);
        Checks.withoutNul(json, "last run of draft " + id);
        DraftEntity draft = locked(id);
        draft.recordRun(json);
        return toRecord(draft);
    }

    private static void checkState(String name, String document) {
        Checks.withoutNul(Checks.text(name, "name of a draft", MAX_NAME), "name of a draft");
        Checks.notNull(document, "document of draft '" + name + "'");
        Checks.optionalText(document, "document of draft '" + name + "'", MAX_DOCUMENT_CHARS);
        Checks.withoutNul(document, "document of draft '" + name + "'");
    }

    /** The draft, locked, if {@code basedOnRevision} is its revision. */
    private DraftEntity current(UUID id, long basedOnRevision) {
        DraftEntity draft = locked(id);
        if (draft.revision() != basedOnRevision) {
            throw new StaleRevisionException(id, basedOnRevision, draft.revision());
        }
        return draft;
    }

    private DraftEntity locked(UUID id) {
        Checks.notNull(id, "draft id");
        return Conflicts.locked("draft " + id, () -> drafts.findForUpdate(id)).orElseThrow(() -> notFound(id));
    }

    private DraftRecord toRecord(DraftEntity draft) {
        DraftStateEntity state = states.get(draft.id(), draft.position());
        if (state == null) {
            throw new CatalogException(CatalogErrorCode.INTERNAL,
                    "draft " + draft.id() + " says its current state is " + draft.position() + " but that state is missing");
        }
        return draft.toRecord(state);
    }

    private static CatalogException notFound(UUID id) {
        return new CatalogException(CatalogErrorCode.DRAFT_NOT_FOUND, "no draft has id " + id);
    }
}
