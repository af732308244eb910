package io.flowfile.catalog.draft;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code draft_states}: one state (name and document) in a draft's history; never changed. */
@Entity
@Table(name = "draft_states")
@IdClass(DraftStateKey.class)
public class DraftStateEntity {

    @Id
    @Column(name = "draft_id")
    private UUID draftId;

    @Id
    @Column(name = "seq")
    private int seq;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    /** VARCHAR without a length on both databases (a long one would make Hibernate expect a CLOB); DraftService bounds it. */
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "document", nullable = false)
    private String document;

    protected DraftStateEntity() {
    }

    DraftStateEntity(UUID draftId, int seq, String name, String document) {
        this.draftId = draftId;
        this.seq = seq;
        this.name = name;
        this.document = document;
    }

    String name() {
        return name;
    }

    String document() {
        return document;
    }
}
