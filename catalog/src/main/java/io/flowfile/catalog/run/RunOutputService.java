package io.flowfile.catalog.run;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.DisplayOutput;
import io.flowfile.catalog.api.RunOutputRecord;
import io.flowfile.catalog.blob.BlobStore;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the nodes of a run displayed, kept with the run: each representation of a display whose text
 * is under {@value RunOutputRecord#INLINE_LIMIT} bytes inline in the database, a larger one in the
 * content-addressed blob store (a base64 image as its decoded bytes), referenced by SHA-256. The same
 * chart displayed by many runs is stored once.
 */
@ApplicationScoped
public class RunOutputService {

    /** The largest representation kept (an inline plotly.js page is several MB). */
    public static final long MAX_BYTES = 64L << 20;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final RunRepository runs;
    private final RunOutputRepository outputs;
    private final BlobStore blobs;

    public RunOutputService(RunRepository runs, RunOutputRepository outputs, BlobStore blobs) {
        this.runs = runs;
        this.outputs = outputs;
        this.blobs = blobs;
    }

    /**
     * Keeps a display as the run's next one. Large representations go to the blob store first,
     * outside the transaction; if the run then refuses it (unknown or finished), the blobs are left to
     * the sweep.
     *
     * @return its representations as kept, in the bundle's order
     */
    public List<RunOutputRecord> record(UUID runId, DisplayOutput display) {
        Checks.notNull(runId, "run id");
        Checks.notNull(display, "display");
        List<Stored> parts = new ArrayList<>();
        display.bundle().forEach((mimeType, text) -> parts.add(store(display, mimeType, text)));
        Instant now = Times.now();
        return Conflicts.inTransaction("a display of run " + runId, () -> {
            RunEntity run = runs.findForUpdate(runId).orElseThrow(() -> new CatalogException(CatalogErrorCode.RUN_NOT_FOUND,
                    "no run with id " + runId + " to keep a display of node '" + display.nodeId() + "' with"));
            if (run.state().isFinal()) {
                throw new CatalogException(CatalogErrorCode.RUN_ALREADY_FINISHED, "run " + runId + " has finished ("
                        + run.state() + "): it keeps no more displays");
            }
            int seq = outputs.lastSeq(runId) + 1;
            List<RunOutputRecord> kept = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                Stored part = parts.get(i);
                RunOutputRecord record = new RunOutputRecord(runId, seq, display.nodeId(), display.title(), part.mimeType(),
                        part.sizeBytes(), part.inlineData(), part.blobSha256(), now);
                outputs.persist(new RunOutputEntity(record, i + 1));
                kept.add(record);
            }
            return kept;
        });
    }

    /** One representation as it will be kept: inline text, or the blob it was stored as. */
    private record Stored(String mimeType, long sizeBytes, String inlineData, String blobSha256) {
    }

    private Stored store(DisplayOutput display, String mimeType, String text) {
        byte[] utf8 = text.getBytes(UTF_8);
        byte[] content = utf8;
        if (DisplayOutput.isBase64(mimeType)) {
            try {
                content = decodeBase64(text);
            } catch (IllegalArgumentException e) {
                throw Checks.invalid("the " + mimeType + " of a display of node '" + display.nodeId() + "' is not base64: " + e.getMessage());
            }
        }
        if (content.length > MAX_BYTES) {
            throw Checks.invalid("the " + mimeType + " of a display of node '" + display.nodeId() + "' has " + content.length
                    + " bytes; a run keeps at most " + MAX_BYTES + " per representation");
        }
        if (utf8.length < RunOutputRecord.INLINE_LIMIT) {
            return new Stored(mimeType, content.length, text, null);
        }
        return new Stored(mimeType, content.length, null, blobs.put(content).sha256());
    }

    /** Base64 as Jupyter sends it: the standard alphabet, maybe broken into lines. Anything else is refused. */
    private static byte[] decodeBase64(String text) {
        return Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
    }

    /** The run's displays, in order; RUN_NOT_FOUND when there is no such run. */
    @Transactional
    public List<RunOutputRecord> list(UUID runId) {
        Checks.notNull(runId, "run id");
        if (runs.findByIdOptional(runId).isEmpty()) {
            throw new CatalogException(CatalogErrorCode.RUN_NOT_FOUND, "no run with id " + runId);
        }
        return outputs.listForRun(runId).stream().map(RunOutputEntity::toRecord).toList();
    }

    /**
     * The representation's content: decoded bytes for a base64 image, UTF-8 otherwise. A blob is
     * checked against its SHA-256 first (CHECKSUM_MISMATCH, BLOB_NOT_FOUND).
     */
    public byte[] content(RunOutputRecord output) {
        Checks.notNull(output, "run output");
        if (output.inline()) {
            return DisplayOutput.isBase64(output.mimeType()) ? decodeBase64(output.inlineData())
                    : output.inlineData().getBytes(UTF_8);
        }
        return blobs.readVerified(output.blobSha256());
    }
}
