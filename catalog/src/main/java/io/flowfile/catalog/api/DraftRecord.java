package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A flow document a user is designing, in its current state.
 *
 * @param owner    the username of the user it belongs to
 * @param revision 1 when created; every save, undo and redo makes the next one (revisions only grow).
 *                 A change names the revision it was based on and is refused when that is no longer
 *                 the current one.
 * @param document the flow document as JSON text, exactly as saved
 * @param canUndo  whether an earlier state is kept to go back to
 * @param canRedo  whether an undone state is kept to go forward to
 * @param updated  when its state last changed (a save, undo or redo)
 * @param lastRun  what the server recorded about the draft's last run, as opaque JSON text
 */
public record DraftRecord(
        UUID id,
        String owner,
        String name,
        long revision,
        String document,
        boolean canUndo,
        boolean canRedo,
        Instant created,
        Instant updated,
        Optional<String> lastRun) {

    public DraftRecord {
        requireNonNull(id, "id is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(name, "name is null");
        requireNonNull(document, "document is null");
        requireNonNull(created, "created is null");
        requireNonNull(updated, "updated is null");
        requireNonNull(lastRun, "lastRun is null");
    }

    /** Without the document and the last run (they may be long). */
    @Override
    public String toString() {
        return "DraftRecord[id=" + id + ", owner=" + owner + ", name=" + name + ", revision=" + revision + ", document="
                + document.length() + " characters, canUndo=" + canUndo + ", canRedo=" + canRedo + ", created=" + created
                + ", updated=" + updated + ", lastRun=" + lastRun.map(run -> run.length() + " characters").orElse("none") + "]";
    }
}
