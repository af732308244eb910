package io.flowfile.nodes.builtin.readparquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadParquetNodeTest extends NodeContractTest<ReadParquetSettings> {

    @Override
    protected NodeType<ReadParquetSettings> type() {
        return new ReadParquetNode();
    }

    @Override
    protected List<Case<ReadParquetSettings>> cases() {
        write("sales.parquet", "SELECT * FROM (VALUES (1, 'north'), (2, 'south')) AS t(id, region)");
        write("parts/part-1.parquet", "SELECT 1 AS id, 'a' AS code");
        write("parts/part-2.parquet", "SELECT 2 AS id, 'b' AS code");
        write("parts/other.parquet", "SELECT 3 AS id, 'c' AS code");
        write("mixed/m-1.parquet", "SELECT 1 AS id, 'x' AS a");
        write("mixed/m-2.parquet", "SELECT 2 AS id, 'y' AS b");
        return List.of(
                Case.unordered("one file", new ReadParquetSettings("sales.parquet", null), List.of(),
                        List.of(row("1", "north"), row("2", "south"))),
                Case.unordered("the files a glob matches, and no other", new ReadParquetSettings("parts/part-*.parquet", null),
                        List.of(), List.of(row("1", "a"), row("2", "b"))),
                Case.unordered("files with different columns combined by name",
                        new ReadParquetSettings("mixed/*.parquet", true), List.of(),
                        List.of(row("1", "x", null), row("2", null, "y"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("a missing file is named with its resolved path", "{\"path\": \"missing.parquet\"}", List.of(),
                        "path", workDir.resolve("missing.parquet").toString()),
                new BadSettings("a glob that matches nothing", "{\"path\": \"parts/none-*.parquet\"}", List.of(),
                        "path", "no file matches " + workDir.resolve("parts/none-*.parquet")),
                new BadSettings("no path", "{\"union_by_name\": true}", List.of(), "path", "is required"),
                new BadSettings("union_by_name is not a boolean", "{\"path\": \"a.parquet\", \"union_by_name\": \"yes\"}",
                        List.of(), "union_by_name", "true or false"));
    }

    @Test
    void aGlobIsExpandedAgainOnEveryRun() {
        write("daily/day-1.parquet", "SELECT 1 AS day");
        var settings = new ReadParquetSettings("daily/day-*.parquet", null);
        assertThat(harness.run(type(), settings).rows()).containsExactly(row("1"));

        write("daily/day-2.parquet", "SELECT 2 AS day");

        assertThat(harness.run(type(), settings).rows()).containsExactlyInAnyOrder(row("1"), row("2"));
    }

    @Test
    void aGlobThatMatchesNothingIsAFileNotFoundProblem() {
        var problems = harness.validate(type(), "{\"path\": \"nowhere/*.parquet\"}");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(NodeErrorCode.FILE_NOT_FOUND);
            assertThat(problem.path()).isEqualTo("settings.path");
        });
    }

    @Test
    void filesWithDifferentColumnsFailWithoutUnionByName() {
        write("mixed/m-1.parquet", "SELECT 1 AS id, 'x' AS a");
        write("mixed/m-2.parquet", "SELECT 2 AS id, 'y' AS b");

        NodeHarness.Result result = harness.run(type(), new ReadParquetSettings("mixed/*.parquet", false));

        assertThat(result.problems()).isEmpty();
        assertThat(result.error()).isNotNull();
        assertThat(result.error().message()).contains(workDir.resolve("mixed/m-2.parquet").toString()).contains("union_by_name");
    }

    @Test
    void columnsWhoseNamesDifferOnlyInCaseAreAProblemNamingBoth() throws IOException {
        // DuckDB cannot write such a file (it renames the second column), so write "QQQQ" and rename it in the footer.
        write("case.parquet", "SELECT 1 AS id, 'ann' AS name, 'ANN' AS QQQQ");
        Path file = workDir.resolve("case.parquet");
        byte[] bytes = Files.readAllBytes(file);
        byte[] marker = "QQQQ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                System.arraycopy("Name".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, i, marker.length);
            }
        }
        Files.write(file, bytes);
        assertThat(harness.query("SELECT name FROM parquet_schema('" + file + "')"))
                .as("the file has both names").contains(row("name"), row("Name"));

        var problems = harness.validate(type(), "{\"path\": \"case.parquet\"}");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(NodeErrorCode.BAD_DATA);
            assertThat(problem.path()).isEqualTo("settings.path");
            assertThat(problem.message()).contains(file.toString()).contains("\"name\" and \"Name\"")
                    .contains("differ only in case");
        });
    }

    /** Writes the rows of {@code query} to a Parquet file under the work directory. */
    private void write(String name, String query) {
        Path file = workDir.resolve(name);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            Files.createDirectories(file.getParent());
            statement.execute("COPY (" + query + ") TO '" + file + "' (FORMAT parquet)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
