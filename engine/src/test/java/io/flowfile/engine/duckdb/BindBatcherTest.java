package io.flowfile.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.node.Column;
import io.flowfile.node.Schema;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindBatcherTest {

    private static final Schema PEOPLE = Schema.of(new Column("id", "BIGINT"), new Column("name", "VARCHAR"),
            new Column("age", "INTEGER"));

    @TempDir
    Path spill;
    private DuckDb duckDb;

    @BeforeEach
    void open() {
        duckDb = DuckDb.open(new DuckDb.Settings(1, "1GB", spill));
    }

    @AfterEach
    void close() {
        duckDb.close();
    }

    @Test
    void aBatchBindsEachQueryAsItWouldBindAlone() throws SQLException {
        List<String> queries = List.of(
                "SELECT 1 AS a, 'x' AS b",
                "SELECT 2.5 AS a",
                "SELECT 1 AS id, 2 AS id",
                "SELECT CAST(NULL AS DECIMAL(10, 2)) AS \"odd \"\" name\", [1, 2] AS list");
        List<Binder.Described> batch = duckDb.describeAll(queries);
        for (int i = 0; i < queries.size(); i++) {
            assertThat(batch.get(i).get()).isEqualTo(duckDb.describeAll(List.of(queries.get(i))).getFirst().get());
        }
        assertThat(batch.get(0).get()).isEqualTo(Schema.of(new Column("a", "INTEGER"), new Column("b", "VARCHAR")));
        assertThat(batch.get(2).get().names()).containsExactly("id", "id_1");
        assertThat(batch.get(3).get().names()).containsExactly("odd \" name", "list");
    }

    @Test
    void aQueryThatDoesNotBindGetsItsOwnErrorAndTheOthersTheirSchemas() throws SQLException {
        List<Binder.Described> batch = duckDb.describeAll(List.of("SELECT 1 AS a", "SELECT missing_column", "SELECT 'b' AS b"));
        assertThat(batch.get(0).get().names()).containsExactly("a");
        assertThatThrownBy(() -> batch.get(1).get()).isInstanceOf(SQLException.class).hasMessageContaining("missing_column");
        assertThat(batch.get(2).get().names()).containsExactly("b");
    }

    @Test
    void tasksRunTogetherShareOneStatementPerRound() throws SQLException {
        var batcher = new BindBatcher(duckDb);
        var cache = new BindCache(duckDb, batcher, 100);
        var found = new ConcurrentHashMap<Integer, Schema>();
        var tasks = new ArrayList<Runnable>();
        for (int i = 0; i < 8; i++) {
            int task = i;
            tasks.add(() -> {
                try {
                    // Two rounds: each task binds once, then once more with what it learned.
                    Schema first = cache.describe("SELECT *, age * " + task + " AS scaled FROM {in}".replace("{in}", "\"t" + task + "\""),
                            List.of(new BindCache.Ref("\"t" + task + "\"", PEOPLE)));
                    found.put(task, cache.describe("SELECT scaled + 0.5 AS half FROM \"u\"",
                            List.of(new BindCache.Ref("\"u\"", first))));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        batcher.runAll(tasks);
        assertThat(batcher.batches()).isEqualTo(2);
        Schema alone = duckDb.describe("SELECT scaled + 0.5 AS half FROM (SELECT age * 3 AS scaled FROM (SELECT CAST(NULL AS INTEGER) AS age))");
        assertThat(found).hasSize(8).allSatisfy((task, schema) -> assertThat(schema).isEqualTo(alone));
    }

    @Test
    void aTaskThatSwallowsTheWaitIsRunAgainWithItsSchema() {
        var batcher = new BindBatcher(duckDb);
        var seen = new ArrayList<String>();
        batcher.runAll(List.of(() -> {
            try {
                seen.add(batcher.describe("SELECT 42 AS answer").names().getFirst());
            } catch (RuntimeException | SQLException swallowed) {
                seen.add("nothing yet");
            }
        }));
        assertThat(seen).containsExactly("nothing yet", "answer");
        assertThat(batcher.batches()).isEqualTo(1);
    }

    @Test
    void aTaskThatFailsEndsTheRoundWithItsError() {
        var batcher = new BindBatcher(duckDb);
        assertThatThrownBy(() -> batcher.runAll(List.of(() -> {
            throw new IllegalStateException("task broke");
        }))).hasMessage("task broke");
        assertThatThrownBy(() -> batcher.runAll(List.of(() -> batcher.runAll(List.of()))))
                .hasMessageContaining("runAll called from one of its own tasks");
    }
}
