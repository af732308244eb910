package io.flowfile.catalog.api;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;

import io.flowfile.catalog.CatalogErrorCode;
import org.junit.jupiter.api.Test;

class NodeResultTest {

    @Test
    void badFieldsAreNamed() {
        assertCatalogError(() -> new NodeResult("a b", "filter", NodeState.RUNNING, -1, -1, null, false), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("node id must be");
        assertCatalogError(() -> new NodeResult("a", "filter", NodeState.SUCCEEDED, -2, 0, null, false), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("rows of node 'a'");
        assertCatalogError(() -> new NodeResult("a", "filter", NodeState.SUCCEEDED, 0, -2, null, false), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("duration of node 'a'");
        assertCatalogError(() -> new NodeResult("a", "filter", null, 0, 0, null, false), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("state of node 'a' is missing");
    }
}
