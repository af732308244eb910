package io.flowfile.catalog.nodetype;

import io.flowfile.catalog.api.NodeTypeVersionRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code node_type_versions}. */
@Entity
@Table(name = "node_type_versions")
public class NodeTypeVersionEntity {

    @Id
    private UUID id;

    @Column(name = "name", nullable = false, length = 63)
    private String name;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "content_sha256", nullable = false, length = 64)
    private String contentSha256;

    @Column(name = "document", nullable = false, columnDefinition = "TEXT")
    private String document;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", length = 64)
    private String createdBy;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "published_by", length = 64)
    private String publishedBy;

    protected NodeTypeVersionEntity() {
    }

    NodeTypeVersionEntity(String name, int version, String contentSha256, String document, String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.version = version;
        this.contentSha256 = contentSha256;
        this.document = document;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    void publish(String user, Instant now) {
        if (publishedAt == null) {
            publishedAt = now;
            publishedBy = user;
        }
    }

    NodeTypeVersionRecord toRecord() {
        return new NodeTypeVersionRecord(id, name, version, contentSha256, document, createdAt, createdBy, publishedAt, publishedBy);
    }
}
