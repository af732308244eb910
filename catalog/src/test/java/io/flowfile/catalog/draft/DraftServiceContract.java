package io.flowfile.catalog.draft;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.inParallel;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.StaleRevisionException;
import io.flowfile.catalog.api.DraftRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DraftService against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class DraftServiceContract {

    @Inject
    DraftService drafts;

    @Inject
    DraftStateRepository stateRows;

    static String document(String text) {
        return "{\"nodes\": [], \"note\": \"" + text + "\"}";
    }

    private long storedStates(UUID draftId) {
        return QuarkusTransaction.requiringNew().call(() -> stateRows.countForDraft(draftId));
    }

    @Test
    void aNewDraftIsAtRevisionOneWithNothingToUndoOrRedo() {
        String owner = unique("ada");

        DraftRecord created = drafts.create(owner, "Sales report", document("a"));

        assertThat(created.owner()).isEqualTo(owner);
        assertThat(created.name()).isEqualTo("Sales report");
        assertThat(created.revision()).isEqualTo(1);
        assertThat(created.document()).isEqualTo(document("a"));
        assertThat(created.canUndo()).isFalse();
        assertThat(created.canRedo()).isFalse();
        assertThat(created.created()).isEqualTo(created.updated());
        assertThat(created.lastRun()).isEmpty();
        assertThat(drafts.get(created.id())).isEqualTo(created);
        assertThat(drafts.find(created.id())).contains(created);
        assertThat(drafts.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aSaveMakesTheNextRevision() {
        DraftRecord created = drafts.create(unique("ada"), "first name", document("a"));

        DraftRecord saved = drafts.save(created.id(), 1, "second name", document("b"));

        assertThat(saved.revision()).isEqualTo(2);
        assertThat(saved.name()).isEqualTo("second name");
        assertThat(saved.document()).isEqualTo(document("b"));
        assertThat(saved.canUndo()).isTrue();
        assertThat(saved.canRedo()).isFalse();
        assertThat(saved.created()).isEqualTo(created.created());
        assertThat(saved.updated()).isAfterOrEqualTo(created.updated());
        assertThat(drafts.get(created.id())).isEqualTo(saved);
    }

    @Test
    void aChangeBasedOnAnOlderRevisionIsStale() {
        DraftRecord created = drafts.create(unique("ada"), "stale", document("a"));
        drafts.save(created.id(), 1, "stale", document("b"));

        assertThatThrownBy(() -> drafts.save(created.id(), 1, "stale", document("c")))
                .isInstanceOfSatisfying(StaleRevisionException.class, e -> {
                    assertThat(e.code()).isEqualTo(CatalogErrorCode.STALE_REVISION);
                    assertThat(e.code().type()).isEqualTo(CatalogErrorCode.Type.USER_ERROR);
                    assertThat(e.currentRevision()).isEqualTo(2);
                    assertThat(e.basedOnRevision()).isEqualTo(1);
                    assertThat(e.draftId()).isEqualTo(created.id());
                })
                .hasMessageContaining("is at revision 2 but the change was based on revision 1");
        assertCatalogError(() -> drafts.save(created.id(), 3, "stale", document("c")), CatalogErrorCode.STALE_REVISION);
        assertCatalogError(() -> drafts.undo(created.id(), 1), CatalogErrorCode.STALE_REVISION);
        assertCatalogError(() -> drafts.redo(created.id(), 1), CatalogErrorCode.STALE_REVISION);
        assertThat(drafts.get(created.id()).revision()).isEqualTo(2);
        assertThat(drafts.get(created.id()).document()).isEqualTo(document("b"));
    }

    @Test
    void ofConcurrentSavesOnTheSameRevisionExactlyOneWins() throws Exception {
        DraftRecord created = drafts.create(unique("ada"), "raced", document("start"));
        int threads = 4;

        List<Object> outcomes = inParallel(threads, thread -> {
            try {
                return List.of(drafts.save(created.id(), 1, "raced", document("thread " + thread)));
            } catch (StaleRevisionException e) {
                return List.of(e.currentRevision());
            }
        });

        List<DraftRecord> saved = new ArrayList<>();
        outcomes.forEach(outcome -> {
            if (outcome instanceof DraftRecord draft) {
                saved.add(draft);
            } else {
                assertThat(outcome).isEqualTo(2L);
            }
        });
        assertThat(saved).hasSize(1);
        assertThat(drafts.get(created.id())).isEqualTo(saved.get(0));
        assertThat(storedStates(created.id())).isEqualTo(2);
    }

    @Test
    void aSaveThatWaitsForAnotherOnTheSameRevisionIsStale() throws Exception {
        DraftRecord created = drafts.create(unique("ada"), "waits", document("start"));
        CountDownLatch saved = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // the first save has changed the draft but not committed: the second waits for its lock,
            // then finds revision 2
            Future<DraftRecord> first = other.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                DraftRecord draft = drafts.save(created.id(), 1, "waits", document("first"));
                saved.countDown();
                Thread.sleep(500);
                return draft;
            }));
            assertThat(saved.await(30, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> drafts.save(created.id(), 1, "waits", document("second")))
                    .isInstanceOfSatisfying(StaleRevisionException.class, e -> assertThat(e.currentRevision()).isEqualTo(2));
            assertThat(drafts.get(created.id())).isEqualTo(first.get(30, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void undoAndRedoMoveThroughTheHistoryAtNewRevisions() {
        DraftRecord a = drafts.create(unique("ada"), "A", document("a"));
        drafts.save(a.id(), 1, "B", document("b"));
        drafts.save(a.id(), 2, "C", document("c"));

        DraftRecord undone = drafts.undo(a.id(), 3);
        assertThat(undone).extracting(DraftRecord::revision, DraftRecord::name, DraftRecord::document, DraftRecord::canUndo,
                DraftRecord::canRedo).containsExactly(4L, "B", document("b"), true, true);

        DraftRecord undoneTwice = drafts.undo(a.id(), 4);
        assertThat(undoneTwice).extracting(DraftRecord::revision, DraftRecord::name, DraftRecord::canUndo, DraftRecord::canRedo)
                .containsExactly(5L, "A", false, true);
        assertCatalogError(() -> drafts.undo(a.id(), 5), CatalogErrorCode.NOTHING_TO_UNDO)
                .hasMessageContaining("draft " + a.id() + " has nothing to undo");

        DraftRecord redone = drafts.redo(a.id(), 5);
        assertThat(redone).extracting(DraftRecord::revision, DraftRecord::name, DraftRecord::canUndo, DraftRecord::canRedo)
                .containsExactly(6L, "B", true, true);
        DraftRecord redoneTwice = drafts.redo(a.id(), 6);
        assertThat(redoneTwice).extracting(DraftRecord::revision, DraftRecord::name, DraftRecord::canUndo, DraftRecord::canRedo)
                .containsExactly(7L, "C", true, false);
        assertCatalogError(() -> drafts.redo(a.id(), 7), CatalogErrorCode.NOTHING_TO_REDO)
                .hasMessageContaining("draft " + a.id() + " has nothing to redo");
        assertThat(drafts.get(a.id())).isEqualTo(redoneTwice);
        assertThat(storedStates(a.id())).isEqualTo(3);
    }

    @Test
    void aSaveAfterAnUndoDiscardsTheRedoHistory() {
        DraftRecord a = drafts.create(unique("ada"), "A", document("a"));
        drafts.save(a.id(), 1, "B", document("b"));
        drafts.save(a.id(), 2, "C", document("c"));
        drafts.undo(a.id(), 3);
        drafts.undo(a.id(), 4);

        DraftRecord saved = drafts.save(a.id(), 5, "D", document("d"));

        assertThat(saved).extracting(DraftRecord::revision, DraftRecord::name, DraftRecord::canUndo, DraftRecord::canRedo)
                .containsExactly(6L, "D", true, false);
        assertCatalogError(() -> drafts.redo(a.id(), 6), CatalogErrorCode.NOTHING_TO_REDO);
        assertThat(storedStates(a.id())).isEqualTo(2);
        DraftRecord back = drafts.undo(a.id(), 6);
        assertThat(back).extracting(DraftRecord::revision, DraftRecord::name, DraftRecord::canUndo, DraftRecord::canRedo)
                .containsExactly(7L, "A", false, true);
        assertThat(drafts.redo(a.id(), 7)).extracting(DraftRecord::name, DraftRecord::document).containsExactly("D", document("d"));
    }

    @Test
    void aDraftKeepsItsLatestStatesOnly() {
        DraftRecord draft = drafts.create(unique("ada"), "long history", document("0"));
        int saves = DraftService.MAX_HISTORY + 5;
        long revision = 1;
        for (int save = 1; save <= saves; save++) {
            revision = drafts.save(draft.id(), revision, "long history", document(Integer.toString(save))).revision();
        }
        assertThat(storedStates(draft.id())).isEqualTo(DraftService.MAX_HISTORY);

        DraftRecord oldest = null;
        for (int undo = 1; undo < DraftService.MAX_HISTORY; undo++) {
            oldest = drafts.undo(draft.id(), revision);
            revision = oldest.revision();
        }

        // states 0-5 were dropped: the oldest kept is the one of save 6
        assertThat(oldest.document()).isEqualTo(document(Integer.toString(saves - DraftService.MAX_HISTORY + 1)));
        assertThat(oldest.canUndo()).isFalse();
        assertThat(oldest.canRedo()).isTrue();
        long last = revision;
        assertCatalogError(() -> drafts.undo(draft.id(), last), CatalogErrorCode.NOTHING_TO_UNDO);
    }

    @Test
    void setLastRunKeepsTheRevision() {
        DraftRecord created = drafts.create(unique("ada"), "runs", document("a"));

        DraftRecord ran = drafts.setLastRun(created.id(), "{\"state\": \"SUCCEEDED\"}");

        assertThat(ran.lastRun()).contains("{\"state\": \"SUCCEEDED\"}");
        assertThat(ran.revision()).isEqualTo(1);
        assertThat(ran.document()).isEqualTo(document("a"));
        DraftRecord saved = drafts.save(created.id(), 1, "runs", document("b"));
        assertThat(saved.lastRun()).contains("{\"state\": \"SUCCEEDED\"}");
        assertThat(drafts.setLastRun(created.id(), "{\"state\": \"FAILED\"}").revision()).isEqualTo(2);
        assertThat(drafts.get(created.id()).lastRun()).contains("{\"state\": \"FAILED\"}");
        assertThat(drafts.undo(created.id(), 2).lastRun()).contains("{\"state\": \"FAILED\"}");
    }

    @Test
    void listGivesTheDraftsOfOneOwnerOrAllNewestFirst() {
        String owner = unique("owner");
        DraftRecord older = drafts.create(owner, "older", document("a"));
        DraftRecord newer = drafts.create(owner, "newer", document("b"));
        DraftRecord others = drafts.create(unique("other"), "other", document("c"));
        DraftRecord changed = drafts.save(older.id(), 1, "older, changed", document("a2"));

        assertThat(drafts.list(Optional.of(owner))).containsExactly(changed, newer);
        assertThat(drafts.list(Optional.empty())).contains(changed, newer, others)
                .extracting(DraftRecord::updated).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(drafts.list(Optional.of(unique("nobody")))).isEmpty();
    }

    @Test
    void largeDocumentsComeBackExactly() {
        String large = document("ü".repeat(200_000) + "\"\\\n\t \uD83D\uDD11");
        DraftRecord created = drafts.create(unique("ada"), "large", large);

        assertThat(drafts.get(created.id()).document()).isEqualTo(large);
        assertThat(drafts.save(created.id(), 1, "large", large + " ").document()).isEqualTo(large + " ");
    }

    @Test
    void documentsEitherSideOfTheCompressionThresholdComeBackExactlyThroughUndoRedoAndList() {
        String owner = unique("ada");
        String shorter = "x".repeat(DraftStateEntity.COMPRESS_FROM - 1);
        String longer = "é".repeat(DraftStateEntity.COMPRESS_FROM);
        DraftRecord created = drafts.create(owner, "threshold", shorter);
        drafts.save(created.id(), 1, "threshold", longer);

        assertThat(drafts.get(created.id()).document()).isEqualTo(longer);
        assertThat(drafts.list(Optional.of(owner))).singleElement().satisfies(listed -> assertThat(listed.document()).isEqualTo(longer));
        assertThat(drafts.undo(created.id(), 2).document()).isEqualTo(shorter);
        assertThat(drafts.redo(created.id(), 3).document()).isEqualTo(longer);
    }

    @Test
    void deleteRemovesTheDraftWithItsHistory() {
        DraftRecord created = drafts.create(unique("ada"), "gone", document("a"));
        drafts.save(created.id(), 1, "gone", document("b"));
        UUID id = created.id();

        drafts.delete(id);

        assertThat(drafts.find(id)).isEmpty();
        assertThat(storedStates(id)).isZero();
        assertCatalogError(() -> drafts.get(id), CatalogErrorCode.DRAFT_NOT_FOUND).hasMessageContaining("no draft has id " + id);
        assertCatalogError(() -> drafts.delete(id), CatalogErrorCode.DRAFT_NOT_FOUND);
        assertCatalogError(() -> drafts.save(id, 2, "gone", document("c")), CatalogErrorCode.DRAFT_NOT_FOUND);
        assertCatalogError(() -> drafts.undo(id, 2), CatalogErrorCode.DRAFT_NOT_FOUND);
        assertCatalogError(() -> drafts.redo(id, 2), CatalogErrorCode.DRAFT_NOT_FOUND);
        assertCatalogError(() -> drafts.setLastRun(id, "{}"), CatalogErrorCode.DRAFT_NOT_FOUND);
    }

    @Test
    void badArgumentsAreRefused() {
        DraftRecord created = drafts.create(unique("ada"), "fine", document("a"));
        String tooLong = "x".repeat(DraftService.MAX_DOCUMENT_CHARS + 1);

        assertCatalogError(() -> drafts.create("no owner", "name", document("a")), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("owner of a draft must be 1-64 letters, digits");
        assertCatalogError(() -> drafts.create(unique("ada"), " ", document("a")), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("name of a draft must not be empty");
        assertCatalogError(() -> drafts.create(unique("ada"), "n".repeat(129), document("a")), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> drafts.create(unique("ada"), "name", null), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> drafts.create(unique("ada"), "name", tooLong), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("document of draft 'name' must be at most " + DraftService.MAX_DOCUMENT_CHARS + " characters");
        assertCatalogError(() -> drafts.save(created.id(), 1, "fine", tooLong), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> drafts.save(created.id(), 1, "fine", "{\"a\": \"\u0000\"}"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("document of draft 'fine' must not contain a NUL character (U+0000), found at index 7");
        assertCatalogError(() -> drafts.save(created.id(), 1, "fi\u0000ne", document("b")), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> drafts.setLastRun(created.id(), "\u0000"), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> drafts.save(created.id(), 1, null, document("b")), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> drafts.setLastRun(created.id(), null), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> drafts.setLastRun(created.id(), tooLong), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> drafts.get(null), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> drafts.list(Optional.of("no owner")), CatalogErrorCode.INVALID_ARGUMENT);
        assertThat(drafts.get(created.id())).isEqualTo(created);
    }

    @Test
    void errorsOfDraftsAreUserErrors() {
        for (CatalogErrorCode code : List.of(CatalogErrorCode.DRAFT_NOT_FOUND, CatalogErrorCode.STALE_REVISION,
                CatalogErrorCode.NOTHING_TO_UNDO, CatalogErrorCode.NOTHING_TO_REDO)) {
            assertThat(code.type()).isEqualTo(CatalogErrorCode.Type.USER_ERROR);
        }
        assertThat(new StaleRevisionException(UUID.randomUUID(), 1, 2)).isInstanceOf(CatalogException.class);
    }
}
