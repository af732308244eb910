package io.flowfile.catalog.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The catalog on an H2 file database in a fresh directory under target/, as the app's default is. */
public class H2Catalog implements QuarkusTestProfile {

    /** How long a test waits for a row lock (the app's documented URL says 10 s): a lock test waits that long. */
    public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(3);

    private static final Path DATA = freshDirectory("catalog-h2-");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "h2",
                "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + DATA.resolve("catalog/catalog") + ";LOCK_TIMEOUT=" + LOCK_TIMEOUT.toMillis(),
                TestSettings.DATA_DIRECTORY, DATA.toString());
    }

    static Path freshDirectory(String prefix) {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
