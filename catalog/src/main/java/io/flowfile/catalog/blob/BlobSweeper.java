package io.flowfile.catalog.blob;

import io.flowfile.catalog.CatalogSettings;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes the blobs nothing names any more (no {@link BlobReferences} of the catalog) once they are
 * older than a grace period, and temporary files of interrupted writes as old. Deleting a global
 * artifact version, a run, or a refused publish leaves its blobs to this sweep.
 */
@ApplicationScoped
public class BlobSweeper {

    private final BlobStore blobs;
    private final Instance<BlobReferences> references;
    private final CatalogSettings settings;

    public BlobSweeper(BlobStore blobs, Instance<BlobReferences> references, CatalogSettings settings) {
        this.blobs = blobs;
        this.references = references;
        this.settings = settings;
    }

    /** The sweep with the configured grace period. */
    public int sweep() {
        return sweep(settings.blobGracePeriod());
    }

    /**
     * Deletes the blobs nothing names that were stored (or stored again) at least {@code minimumAge} ago.
     *
     * @return how many blobs were deleted
     */
    public int sweep(Duration minimumAge) {
        return sweep(minimumAge, () -> {
        });
    }

    /**
     * The sweep, in an order that never deletes a blob a committed record names: first the old blobs
     * are listed, then the names in use are read (a record committed after the listing is seen), and
     * each blob's time is read again right before it is deleted (a put that stored the blob again
     * after the listing made it young). {@code afterListing} runs between the first two steps (tests
     * act there).
     */
    public int sweep(Duration minimumAge, Runnable afterListing) {
        Checks.notNull(minimumAge, "minimum age");
        Instant before = Instant.now().minus(minimumAge);
        List<BlobStore.Entry> old = blobs.list().stream().filter(blob -> !blob.lastModified().isAfter(before)).toList();
        afterListing.run();
        Set<String> referenced = Conflicts.inTransaction("the blob references", () -> {
            Set<String> names = new HashSet<>();
            references.forEach(source -> names.addAll(source.referencedSha256s()));
            return names;
        });
        int deleted = 0;
        for (BlobStore.Entry blob : old) {
            if (!referenced.contains(blob.sha256()) && blobs.deleteIfNotModifiedSince(blob.sha256(), before)) {
                deleted++;
            }
        }
        blobs.deleteTemporaryFiles(minimumAge);
        return deleted;
    }
}
