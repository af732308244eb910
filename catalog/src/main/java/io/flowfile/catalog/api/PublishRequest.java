package io.flowfile.catalog.api;

import io.flowfile.catalog.internal.Checks;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * A global artifact to publish as the next version of its name.
 *
 * @param sizeBytes   the blob's size; checked against the file
 * @param sha256      the blob's SHA-256 as the publisher computed it; checked against the file (null:
 *                    computed here)
 * @param description null or at most 4000 characters
 * @param tags        at most 32 tags of 1-64 letters, digits, '-', '_', '.' or ':'; kept sorted and
 *                    without duplicates
 * @param lineage     where it came from; must name a registered flow version
 * @param blobFile    the serialised artifact; copied into the blob store, left in place
 */
public record PublishRequest(
        String pythonType,
        ArtifactFormat format,
        long sizeBytes,
        String sha256,
        String description,
        List<String> tags,
        Lineage lineage,
        Path blobFile) {

    public static final int MAX_TAGS = 32;

    public PublishRequest {
        Checks.text(pythonType, "python type", 256);
        Checks.notNull(format, "format");
        if (sizeBytes < 0) {
            throw Checks.invalid("size must not be negative, was " + sizeBytes);
        }
        if (sha256 != null) {
            Checks.sha256(sha256, "sha256");
        }
        Checks.optionalText(description, "description", Checks.MAX_TEXT);
        tags = tags == null ? List.of() : List.copyOf(new TreeSet<>(tags));
        if (tags.size() > MAX_TAGS) {
            throw Checks.invalid("at most " + MAX_TAGS + " tags, were " + tags.size());
        }
        for (String tag : tags) {
            Checks.matching(tag, Checks.TAG, "tag", "1-64 letters, digits, '-', '_', '.' or ':'");
        }
        Checks.notNull(blobFile, "blob file");
    }
}
