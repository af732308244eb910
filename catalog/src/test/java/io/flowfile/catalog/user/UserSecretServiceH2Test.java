package io.flowfile.catalog.user;

import io.flowfile.catalog.testing.H2Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(H2Catalog.class)
class UserSecretServiceH2Test extends UserSecretServiceContract {
}
