package io.flowfile.catalog.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The catalog on the PostgreSQL server that scripts/setup installs, starts and prepares. When that
 * server does not answer, every test of this profile fails (it does not skip) and says so.
 */
public class PostgresCatalog implements QuarkusTestProfile {

    /** With a lock timeout (H2Catalog.LOCK_TIMEOUT), as the app's documented URL has one. */
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/flowfile_test?options=-c%20lock_timeout="
            + H2Catalog.LOCK_TIMEOUT.toMillis() + "ms";
    public static final String USER = "flowfile";
    public static final String PASSWORD = "flowfile";

    private static final Path DATA = H2Catalog.freshDirectory("catalog-postgres-");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", URL,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD,
                TestSettings.DATA_DIRECTORY, DATA.toString());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ServerAnswers.class));
    }

    /** Checks the server before Quarkus starts, so that a missing server gives a message saying what to do. */
    public static class ServerAnswers implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            DriverManager.setLoginTimeout(10);
            try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
                connection.isValid(10);
            } catch (SQLException e) {
                throw new IllegalStateException("the PostgreSQL test database " + URL + " (user " + USER + ") does not answer: run"
                        + " scripts/setup (as root), which installs PostgreSQL, starts it and creates the role and the database."
                        + " The driver said: " + e.getMessage(), e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }
}
