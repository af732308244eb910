package io.flowfile.catalog.api;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;

import io.flowfile.catalog.CatalogErrorCode;
import org.junit.jupiter.api.Test;

class FlowArtifactSpecTest {

    private static FlowArtifactSpec spec(String name, String pythonType, long size, String sha256) {
        return new FlowArtifactSpec("sales", "default", name, "python_1", pythonType, ArtifactFormat.PARQUET, size, sha256);
    }

    @Test
    void badFieldsAreNamed() {
        assertCatalogError(() -> spec("a", "pandas.DataFrame", 1, "A".repeat(64)), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("sha256 of artifact 'a' must be 64 lower-case hex digits");
        assertCatalogError(() -> spec("a", "pandas.DataFrame", -1, "a".repeat(64)), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("size of artifact 'a' must not be negative");
        assertCatalogError(() -> spec("bad name", "pandas.DataFrame", 1, "a".repeat(64)), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("artifact name must be");
        assertCatalogError(() -> spec("a", " ", 1, "a".repeat(64)), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("python type of artifact 'a' must not be empty");
        assertCatalogError(() -> new FlowArtifactSpec("sales", "no such/kernel", "a", "n", "t", ArtifactFormat.PARQUET, 1, "a".repeat(64)),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("kernel id must be");
    }
}
