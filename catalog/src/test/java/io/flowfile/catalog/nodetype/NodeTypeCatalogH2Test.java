package io.flowfile.catalog.nodetype;

import io.flowfile.catalog.testing.H2Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(H2Catalog.class)
class NodeTypeCatalogH2Test extends NodeTypeCatalogContract {
}
