package io.flowfile.nodes.builtin.sample;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeType;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.nodes.builtin.FlowHarness;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.sample.SampleSettings.Method;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SampleNodeTest extends NodeContractTest<SampleSettings> {

    private static final In LETTERS = in("main", table("id INTEGER, letter VARCHAR",
            "(1, 'a')", "(2, 'b')", "(3, 'c')", "(4, 'd')", "(5, 'e')"));

    private static final List<List<String>> ALL_LETTERS = List.of(
            row("1", "a"), row("2", "b"), row("3", "c"), row("4", "d"), row("5", "e"));

    /** 200 rows, numbered 1 to 200. */
    private static final In NUMBERS = in("main", table("id INTEGER",
            IntStream.rangeClosed(1, 200).mapToObj(i -> "(" + i + ")").toArray(String[]::new)));

    @Override
    protected NodeType<SampleSettings> type() {
        return new SampleNode();
    }

    @Override
    protected List<Case<SampleSettings>> cases() {
        return List.of(
                Case.ordered("first rows", new SampleSettings(Method.FIRST, 2L, null, null), List.of(LETTERS),
                        List.of(row("1", "a"), row("2", "b"))),
                Case.ordered("first is the default method", new SampleSettings(null, 1L, null, null), List.of(LETTERS),
                        List.of(row("1", "a"))),
                Case.ordered("first zero rows", new SampleSettings(Method.FIRST, 0L, null, null), List.of(LETTERS), List.of()),
                Case.ordered("first more rows than there are", new SampleSettings(Method.FIRST, 10L, null, null),
                        List.of(LETTERS), ALL_LETTERS),
                Case.unordered("random rows, more than there are", new SampleSettings(Method.RANDOM_ROWS, 10L, null, 7L),
                        List.of(LETTERS), ALL_LETTERS),
                Case.unordered("random fraction 1 keeps every row", new SampleSettings(Method.RANDOM_FRACTION, null, 1.0, 3L),
                        List.of(LETTERS), ALL_LETTERS),
                Case.unordered("random fraction 0 keeps none", new SampleSettings(Method.RANDOM_FRACTION, null, 0.0, null),
                        List.of(LETTERS), List.of()));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("negative row count", "{\"method\": \"first\", \"n\": -1}", List.of(LETTERS), "n", "0 or more"),
                new BadSettings("a fractional row count", "{\"method\": \"first\", \"n\": 2.5}", List.of(LETTERS), "n",
                        "whole number"),
                new BadSettings("a method given as a number", "{\"method\": 1, \"n\": 2}", List.of(LETTERS), "method",
                        "first, random_rows, random_fraction"),
                new BadSettings("random rows need a count", "{\"method\": \"random_rows\"}", List.of(LETTERS), "n",
                        "is required for random_rows"),
                new BadSettings("fraction above 1", "{\"method\": \"random_fraction\", \"fraction\": 1.5}", List.of(LETTERS),
                        "fraction", "between 0 and 1"),
                new BadSettings("negative seed", "{\"method\": \"random_rows\", \"n\": 2, \"seed\": -3}", List.of(LETTERS),
                        "seed", "0 or more"),
                new BadSettings("unknown method", "{\"method\": \"last\", \"n\": 2}", List.of(LETTERS), "method",
                        "first, random_rows, random_fraction"),
                new BadSettings("unknown setting names the known ones", "{\"n\": 2, \"rows\": 2}", List.of(LETTERS), "rows",
                        "fraction, method, n, seed"));
    }

    @Test
    void randomRowsGiveExactlyNDistinctInputRows() {
        NodeHarness.Result result = harness.run(type(), new SampleSettings(Method.RANDOM_ROWS, 7L, null, 42L), NUMBERS);

        assertThat(result.error()).isNull();
        assertThat(result.rows()).hasSize(7).doesNotHaveDuplicates()
                .allSatisfy(row -> assertThat(Integer.parseInt(row.get(0))).isBetween(1, 200));
        assertThat(result.fusedRows()).hasSize(7);
    }

    @Test
    void randomRowsWithASeedAreRepeatable() {
        var settings = new SampleSettings(Method.RANDOM_ROWS, 5L, null, 42L);

        NodeHarness.Result first = harness.run(type(), settings, NUMBERS);
        NodeHarness.Result second = harness.run(type(), settings, NUMBERS);

        assertThat(first.rows()).hasSize(5);
        assertThat(second.rows()).containsExactlyInAnyOrderElementsOf(first.rows());
        assertThat(second.fusedRows()).containsExactlyInAnyOrderElementsOf(first.rows());
    }

    @Test
    void randomFractionWithASeedIsRepeatableAndRoughlyTheFraction() {
        var settings = new SampleSettings(Method.RANDOM_FRACTION, null, 0.5, 11L);

        NodeHarness.Result first = harness.run(type(), settings, NUMBERS);
        NodeHarness.Result second = harness.run(type(), settings, NUMBERS);

        assertThat(first.rows()).hasSizeBetween(50, 150).doesNotHaveDuplicates();
        assertThat(second.rows()).containsExactlyInAnyOrderElementsOf(first.rows());
    }

    @Test
    void aSeededSampleDrawsTheSameRowsInInputOrderWhateverThePlanAndThreads() throws Exception {
        // 3,000 ids in random order, written by Polars in row groups of 256 rows
        try (var in = SampleNodeTest.class.getResourceAsStream("shuffled.parquet")) {
            java.nio.file.Files.copy(in, workDir.resolve("ids.parquet"));
        }
        var drawn = new java.util.HashMap<String, List<Long>>();
        for (int threads : new int[] {1, 4}) {
            try (var flows = FlowHarness.create(workDir, threads)) {
                for (var mode : ExecutionMode.values()) {
                    for (String settings : List.of("{method: random_rows, n: 20, seed: 7}",
                            "{method: random_fraction, fraction: 0.01, seed: 7}")) {
                        assertThat(flows.run(sampleToFile(settings), mode).succeeded()).isTrue();
                        List<Long> ids = ids(workDir.resolve("drawn.parquet"));
                        List<Long> first = drawn.putIfAbsent(settings, ids);
                        assertThat(ids).as("%s, %s, %d threads", settings, mode, threads)
                                .isEqualTo(first == null ? ids : first);
                    }
                }
            }
        }
        List<Long> inputOrder = ids(workDir.resolve("ids.parquet"));
        for (List<Long> ids : drawn.values()) {
            assertThat(ids).as("in input order").isEqualTo(inputOrder.stream().filter(ids::contains).toList());
        }
        assertThat(drawn.get("{method: random_rows, n: 20, seed: 7}")).hasSize(20);
        assertThat(drawn.get("{method: random_fraction, fraction: 0.01, seed: 7}")).hasSizeBetween(10, 60);
    }

    private static String sampleToFile(String settings) {
        return """
                flowfile: 1
                name: seeded-sample
                nodes:
                  - {id: ids, type: read_parquet, settings: {path: ids.parquet}}
                  - {id: drawn, type: sample, settings: %s}
                  - {id: out, type: write_parquet, settings: {path: drawn.parquet}}
                edges:
                  - {from: ids, to: drawn}
                  - {from: drawn, to: out}
                """.formatted(settings);
    }

    private static List<Long> ids(java.nio.file.Path file) throws java.sql.SQLException {
        var ids = new java.util.ArrayList<Long>();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             var result = connection.createStatement().executeQuery("SELECT id FROM '" + file + "'")) {
            while (result.next()) {
                ids.add(result.getLong(1));
            }
        }
        return ids;
    }
}
