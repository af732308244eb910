package io.flowfile.catalog.api;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PublishRequestTest {

    private static final Lineage LINEAGE = new Lineage(UUID.randomUUID(), 1, null, "train", "default");
    private static final Path FILE = Path.of("model.joblib");

    @Test
    void tagsAreSortedWithoutDuplicates() {
        PublishRequest request = new PublishRequest("t", ArtifactFormat.JOBLIB, 1, null, null, List.of("prod", "ml", "prod"), LINEAGE, FILE);

        assertThat(request.tags()).containsExactly("ml", "prod");
    }

    @Test
    void badFieldsAreNamed() {
        assertCatalogError(() -> new PublishRequest(" ", ArtifactFormat.PARQUET, 1, null, null, null, LINEAGE, FILE),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("python type must not be empty");
        assertCatalogError(() -> new PublishRequest("t", null, 1, null, null, null, LINEAGE, FILE),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("format is missing");
        assertCatalogError(() -> new PublishRequest("t", ArtifactFormat.PARQUET, 1, null, null, List.of("bad tag"), LINEAGE, FILE),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("tag must be");
        assertCatalogError(() -> new PublishRequest("t", ArtifactFormat.PARQUET, 1, "xyz", null, null, LINEAGE, FILE),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("sha256 must be 64 lower-case hex digits");
        assertCatalogError(() -> new PublishRequest("t", ArtifactFormat.PARQUET, -1, null, null, null, LINEAGE, FILE),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("size must not be negative");
        assertCatalogError(() -> new PublishRequest("t", ArtifactFormat.PARQUET, 1, null, null, null, LINEAGE, null),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("blob file is missing");
    }
}
