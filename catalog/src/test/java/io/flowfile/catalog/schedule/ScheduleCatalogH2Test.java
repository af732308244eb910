package io.flowfile.catalog.schedule;

import io.flowfile.catalog.testing.H2Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(H2Catalog.class)
class ScheduleCatalogH2Test extends ScheduleCatalogContract {
}
