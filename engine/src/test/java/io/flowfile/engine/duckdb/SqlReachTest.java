package io.flowfile.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's user SQL, checked by DuckDB's parse tree (the app's RunsResourceTest runs it through the server). */
class SqlReachTest {

    @TempDir
    Path data;
    private DuckDb duckDb;
    private SqlShape shape;
    private Path files;
    private Path cache;

    @BeforeEach
    void open() {
        files = data.resolve("files");
        cache = data.resolve("cache");
        duckDb = DuckDb.open(new DuckDb.Settings(1, "1GB", data.resolve("spill"), Optional.of(List.of(files, cache))));
        shape = new SqlShape(duckDb, Optional.of(new SqlReach(List.of(files), List.of(cache, data.resolve("spill")), duckDb.catalogViewNames())));
    }

    @AfterEach
    void close() {
        duckDb.close();
    }

    @Test
    void filesUnderTheRootsAndTheInputsAreReachable() {
        for (String query : List.of("SELECT * FROM main WHERE amount > 0",
                "WITH big AS (SELECT * FROM main) SELECT * FROM big JOIN other USING (id)",
                "SELECT * FROM read_csv('" + files.resolve("orders.csv") + "', header = true)",
                "SELECT * FROM read_parquet(['" + files.resolve("a.parquet") + "', '" + files.resolve("b/*.parquet") + "'])",
                "SELECT * FROM '" + files.resolve("orders.csv") + "'",
                "SELECT * FROM range(10), unnest([1, 2])",
                "SELECT * FROM (DESCRIBE SELECT * FROM main)")) {
            assertThat(shape.queryProblem(query)).as(query).isEmpty();
        }
        assertThat(shape.expressionProblem("amount * 2 + (SELECT count(*) FROM range(3))")).isEmpty();
    }

    @Test
    void theResultCacheIsNotReachableThoughDuckDbMayReadIt() {
        for (String query : List.of("SELECT * FROM read_parquet('" + cache + "/**/*.parquet')",
                "SELECT * FROM read_parquet('" + files + "/../cache/x.parquet')",
                "SELECT * FROM glob('" + cache + "/*')",
                "SELECT * FROM '" + cache.resolve("x.parquet") + "'")) {
            assertThat(shape.queryProblem(query)).as(query).hasValueSatisfying(problem -> assertThat(problem)
                    .contains("engine's own"));
        }
        assertThat(shape.expressionProblem("(SELECT count(*) FROM read_parquet('" + cache + "/x.parquet'))"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("engine's own"));
    }

    /** Checked at every answer, links resolved: a link made in a root after the text was first checked leads nowhere. */
    @Test
    void aLinkInARootThatLeadsIntoTheCacheIsRefusedEvenAfterTheTextWasAnswered() throws Exception {
        java.nio.file.Files.createDirectories(files);
        java.nio.file.Files.createDirectories(cache);
        String query = "SELECT * FROM read_parquet('" + files.resolve("shortcut") + "/*.parquet')";
        assertThat(shape.queryProblem(query)).isEmpty();
        java.nio.file.Files.createSymbolicLink(files.resolve("shortcut"), cache);
        assertThat(shape.queryProblem(query)).hasValueSatisfying(problem -> assertThat(problem).contains("engine's own"));
    }

    @Test
    void filesOutsideTheRootsAreNamed() {
        for (String path : List.of("/etc/passwd", "~/.ssh/id_rsa", "https://example.com/x.csv", "relative.csv")) {
            assertThat(shape.queryProblem("SELECT * FROM read_csv('" + path + "')")).as(path)
                    .hasValueSatisfying(problem -> assertThat(problem).contains("'" + path + "'"));
        }
    }

    @Test
    void aComputedPathIsRefused() {
        assertThat(shape.queryProblem("SELECT * FROM read_parquet('" + files + "' || '/../cache/x.parquet')"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("computed"));
        assertThat(shape.queryProblem("SELECT * FROM read_csv(NULL)")).isPresent();
    }

    @Test
    void otherRunsSchemasAndTheCatalogAreNotReachable() {
        assertThat(shape.queryProblem("SELECT * FROM run_0a1b.node_x")).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'run_0a1b.node_x'"));
        assertThat(shape.queryProblem("SELECT * FROM memory.main.t")).isPresent();
        for (String view : List.of("duckdb_tables", "DUCKDB_SCHEMAS", "pg_namespace", "sqlite_master")) {
            assertThat(shape.queryProblem("SELECT * FROM " + view)).as(view).hasValueSatisfying(problem -> assertThat(problem)
                    .contains("catalog view"));
        }
        assertThat(shape.queryProblem("SELECT * FROM information_schema.schemata")).isPresent();
        assertThat(shape.queryProblem("SELECT * FROM (SUMMARIZE run_0a1b.node_x)")).isPresent();
        assertThat(shape.queryProblem("SELECT * FROM (DESCRIBE run_0a1b.node_x)")).isPresent();
    }

    @Test
    void tableFunctionsThatRunSqlOrReportOnTheDatabaseAreRefused() {
        for (String function : List.of("query('SELECT 1')", "query_table('t')", "duckdb_tables()", "duckdb_temporary_files()",
                "pragma_table_info('t')", "main.range(3)")) {
            assertThat(shape.queryProblem("SELECT * FROM " + function)).as(function)
                    .hasValueSatisfying(problem -> assertThat(problem).contains("table function"));
        }
    }

    @Test
    void theCommandLineReachesEverything() {
        SqlShape full = new SqlShape(duckDb);
        assertThat(full.queryProblem("SELECT * FROM read_parquet('" + cache + "/x.parquet')")).isEmpty();
        assertThat(full.queryProblem("SELECT * FROM duckdb_tables")).isEmpty();
    }
}
