package io.flowfile.catalog.draft;

import io.flowfile.catalog.api.DraftRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code drafts}: whose draft it is, its revision and where it stands in its history of
 * states ({@code draft_states} firstSeq..lastSeq, the current one at {@code position}). Every change
 * is made under a lock on this row.
 */
@Entity
@Table(name = "drafts")
public class DraftEntity {

    @Id
    private UUID id;

    @Column(name = "owner", nullable = false, length = 64)
    private String owner;

    @Column(name = "revision", nullable = false)
    private long revision;

    @Column(name = "first_seq", nullable = false)
    private int firstSeq;

    @Column(name = "position", nullable = false)
    private int position;

    @Column(name = "last_seq", nullable = false)
    private int lastSeq;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** VARCHAR without a length on both databases (a long one would make Hibernate expect a CLOB); DraftService bounds it. */
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "last_run")
    private String lastRun;

    protected DraftEntity() {
    }

    /** A new draft at revision 1, whose one state is seq 1. */
    DraftEntity(String owner, Instant now) {
        this.id = UUID.randomUUID();
        this.owner = owner;
        this.revision = 1;
        this.firstSeq = 1;
        this.position = 1;
        this.lastSeq = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    long revision() {
        return revision;
    }

    int firstSeq() {
        return firstSeq;
    }

    int position() {
        return position;
    }

    int lastSeq() {
        return lastSeq;
    }

    boolean canUndo() {
        return position > firstSeq;
    }

    boolean canRedo() {
        return position < lastSeq;
    }

    /** A new state after the current one, which becomes the last (the states after it are gone); returns its seq. */
    int advance(Instant now) {
        position++;
        lastSeq = position;
        return changed(now);
    }

    int undo(Instant now) {
        position--;
        return changed(now);
    }

    int redo(Instant now) {
        position++;
        return changed(now);
    }

    /** The states before {@code seq} are gone. */
    void keepFrom(int seq) {
        firstSeq = seq;
    }

    void recordRun(String json) {
        lastRun = json;
    }

    private int changed(Instant now) {
        revision++;
        updatedAt = now;
        return position;
    }

    /** The draft in {@code current}, its state at {@link #position}. */
    DraftRecord toRecord(DraftStateEntity current) {
        return new DraftRecord(id, owner, current.name(), revision, current.document(), canUndo(), canRedo(), createdAt, updatedAt,
                Optional.ofNullable(lastRun));
    }
}
