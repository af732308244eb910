package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * One representation (one MIME type) of a display kept with a run.
 *
 * @param seq        the display's place among the run's displays, from 1; the representations of one display share it
 * @param sizeBytes  its size: decoded bytes for a base64 image, UTF-8 bytes otherwise
 * @param inlineData the representation as Jupyter sent it, when that text is under {@value #INLINE_LIMIT} bytes of UTF-8; else null
 * @param blobSha256 the blob holding it (the decoded bytes of a base64 image), when not inline; else null
 */
public record RunOutputRecord(UUID runId, int seq, String nodeId, String title, String mimeType, long sizeBytes,
                              String inlineData, String blobSha256, Instant createdAt) {

    /** Representations whose text (as sent) has this many UTF-8 bytes or more are kept as blobs. */
    public static final int INLINE_LIMIT = 8192;

    public RunOutputRecord {
        requireNonNull(runId, "runId is null");
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(mimeType, "mimeType is null");
        requireNonNull(createdAt, "createdAt is null");
        if ((inlineData == null) == (blobSha256 == null)) {
            throw new IllegalArgumentException("a run output is either inline or a blob");
        }
    }

    public boolean inline() {
        return inlineData != null;
    }
}
