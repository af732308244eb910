package io.flowfile.engine.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowExchangeTest {

    @TempDir
    Path directory;
    private Connection connection;
    private final ArrowExchange exchange = new ArrowExchange();

    @BeforeEach
    void open() throws Exception {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE source AS
                    SELECT i AS id,
                           CASE WHEN i % 7 = 0 THEN NULL ELSE 'name ' || i END AS name,
                           i * 0.5 AS amount,
                           i % 2 = 0 AS even,
                           DATE '2026-01-01' + (i % 365)::INTEGER AS day,
                           TIMESTAMP '2026-01-01 00:00:00' + to_seconds(i) AS at,
                           (i % 1000)::DECIMAL(10, 2) AS price
                    FROM range(250000) t(i)""");
        }
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        exchange.close();
    }

    @Test
    void aTableRoundTripsThroughAnArrowFileInBatches() throws Exception {
        Path file = directory.resolve("main.arrow");
        assertThat(exchange.write(connection, "source", file)).isEqualTo(250_000);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("main.arrow");
        }
        try (var allocator = new RootAllocator();
             var reader = new ArrowFileReader(Files.newByteChannel(file), allocator)) {
            assertThat(reader.getRecordBlocks()).hasSize(3); // 100k + 100k + 50k rows
        }
        assertThat(exchange.read(connection, file, "copy")).isEqualTo(250_000);
        try (Statement statement = connection.createStatement();
             ResultSet order = statement.executeQuery("SELECT count(*) FROM (SELECT id, row_number() OVER () - 1 AS position FROM copy) WHERE id <> position")) {
            order.next();
            assertThat(order.getLong(1)).as("rows out of order").isZero(); // batches are written by another thread, in order
        }
        try (Statement statement = connection.createStatement();
             ResultSet difference = statement.executeQuery(
                     "SELECT count(*) FROM ((SELECT * FROM source EXCEPT ALL SELECT * FROM copy) UNION ALL (SELECT * FROM copy EXCEPT ALL SELECT * FROM source))")) {
            difference.next();
            assertThat(difference.getLong(1)).isZero();
        }
        try (Statement statement = connection.createStatement();
             ResultSet types = statement.executeQuery("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'copy' ORDER BY ordinal_position")) {
            StringBuilder text = new StringBuilder();
            while (types.next()) {
                text.append(types.getString(1)).append(' ').append(types.getString(2)).append("; ");
            }
            assertThat(text.toString()).isEqualTo("id BIGINT; name VARCHAR; amount DECIMAL(21,1); even BOOLEAN; day DATE; "
                    + "at TIMESTAMP; price DECIMAL(10,2); ");
        }
    }

    @Test
    void aTruncatedOrMissingFileIsAnErrorNamingIt() throws Exception {
        Path file = directory.resolve("out.arrow");
        exchange.write(connection, "source", file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = directory.resolve("truncated.arrow");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> exchange.read(connection, truncated, "broken"))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated.arrow").hasMessageContaining("not a complete Arrow IPC file");
        assertThatThrownBy(() -> exchange.read(connection, directory.resolve("absent.arrow"), "absent"))
                .isInstanceOf(IOException.class).hasMessage("no Arrow IPC file at " + directory.resolve("absent.arrow"));
    }

    @Test
    void aFailedWriteLeavesNoFileBehind() throws Exception {
        Path file = directory.resolve("never.arrow");
        assertThatThrownBy(() -> exchange.write(connection, "no_such_table", file)).isInstanceOf(java.sql.SQLException.class);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anExportThatFailsAfterSomeBatchesLeavesNoFileAndNoMemoryBehind() throws Exception {
        Path file = directory.resolve("half.arrow");
        String failing = "(SELECT CASE WHEN i < 150000 THEN i ELSE error('no row ' || i) END AS v FROM range(300000) t(i))";
        assertThatThrownBy(() -> exchange.write(connection, failing, file))
                .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("no row 150000");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        // close() (after each test) fails if a batch handed to the writer was never released
    }

    @Test
    void aFileThatCannotBeWrittenStopsTheExport() throws Exception {
        Path file = directory.resolve("missing/out.arrow");
        assertThatThrownBy(() -> exchange.write(connection, "source", file))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("missing");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void enumAndNestedColumnsRoundTrip() throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
            statement.execute("""
                    CREATE TABLE typed AS
                    SELECT i AS id,
                           (['sad', 'ok', 'happy'])[i % 3 + 1]::mood AS mood,
                           CASE WHEN i % 5 = 0 THEN NULL ELSE ['x' || i, 'a longer string than twelve bytes'] END AS names,
                           {'k': 'key ' || i, 'n': i} AS pair
                    FROM range(250000) t(i)""");
        }
        Path file = directory.resolve("typed.arrow");
        assertThat(exchange.write(connection, "typed", file)).isEqualTo(250_000);
        assertThat(exchange.read(connection, file, "typed_copy")).isEqualTo(250_000);
        try (Statement statement = connection.createStatement();
             ResultSet difference = statement.executeQuery("SELECT count(*) FROM ((SELECT id, mood::VARCHAR, names, pair FROM typed "
                     + "EXCEPT ALL SELECT id, mood::VARCHAR, names, pair FROM typed_copy) UNION ALL (SELECT id, mood::VARCHAR, names, pair "
                     + "FROM typed_copy EXCEPT ALL SELECT id, mood::VARCHAR, names, pair FROM typed))")) {
            difference.next();
            assertThat(difference.getLong(1)).isZero();
        }
    }
}
