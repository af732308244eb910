package io.flowfile.catalog.user;

import io.flowfile.catalog.testing.PostgresCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresCatalog.class)
class UserSecretServicePostgresIT extends UserSecretServiceContract {
}
