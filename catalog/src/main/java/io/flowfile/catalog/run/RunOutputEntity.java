package io.flowfile.catalog.run;

import io.flowfile.catalog.api.RunOutputRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code run_outputs}: one MIME representation of one display of a run. */
@Entity
@Table(name = "run_outputs")
public class RunOutputEntity {

    @Id
    private UUID id;

    @Column(name = "run_id", nullable = false)
    private UUID runId;

    @Column(name = "seq", nullable = false)
    private int seq;

    @Column(name = "part", nullable = false)
    private int part;

    @Column(name = "node_id", nullable = false, length = 128)
    private String nodeId;

    @Column(name = "title", length = 256)
    private String title;

    @Column(name = "mime_type", nullable = false, length = 128)
    private String mimeType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "inline_data", length = 8192)
    private String inlineData;

    @Column(name = "blob_sha256", length = 64)
    private String blobSha256;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RunOutputEntity() {
    }

    RunOutputEntity(RunOutputRecord record, int part) {
        this.id = UUID.randomUUID();
        this.runId = record.runId();
        this.seq = record.seq();
        this.part = part;
        this.nodeId = record.nodeId();
        this.title = record.title();
        this.mimeType = record.mimeType();
        this.sizeBytes = record.sizeBytes();
        this.inlineData = record.inlineData();
        this.blobSha256 = record.blobSha256();
        this.createdAt = record.createdAt();
    }

    RunOutputRecord toRecord() {
        return new RunOutputRecord(runId, seq, nodeId, title, mimeType, sizeBytes, inlineData, blobSha256, createdAt);
    }
}
