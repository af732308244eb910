package io.flowfile.nodes.builtin.writeparquet;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeType;
import io.flowfile.node.WriteMode;
import io.flowfile.nodes.builtin.FlowHarness;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.writeparquet.WriteParquetSettings.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteParquetNodeTest extends NodeContractTest<WriteParquetSettings> {

    private static final In SALES = in("main", table("id INTEGER, region VARCHAR, amount DECIMAL(10,2), day DATE",
            "(1, 'north', 10.50, DATE '2024-01-31')", "(2, NULL, 3.00, NULL)"));

    /** What integer sums produce: HUGEINT (and UHUGEINT for unsigned), which Parquet cannot hold. */
    private static final In SUMS = in("main", table("small HUGEINT, past_double HUGEINT, past_bigint HUGEINT, unsigned UHUGEINT, "
            + "amount DECIMAL(38,4)",
            "(3, 9007199254740993, 170141183460469231731687303715884105, 18446744073709551615, 12345678901234567890123456789012.3456)",
            "(-2, NULL, -9223372036854775809, 1, NULL)"));

    @Override
    protected NodeType<WriteParquetSettings> type() {
        return new WriteParquetNode();
    }

    @Override
    protected List<Case<WriteParquetSettings>> cases() {
        return List.of(
                new Case<>("the rows and their types read back", new WriteParquetSettings("out.parquet", null, null, null),
                        List.of(SALES), List.of(row("1", "north", "10.50", "2024-01-31"), row("2", null, "3.00", null)), false,
                        "SELECT * FROM read_parquet('{dir}/out.parquet')"),
                new Case<>("integers stay integers: BIGINT when every value fits, DECIMAL(38,0) otherwise; decimals stay decimals",
                        new WriteParquetSettings("sums.parquet", null, null, null), List.of(SUMS),
                        List.of(row("3", "9007199254740993", "170141183460469231731687303715884105", "18446744073709551615",
                                        "12345678901234567890123456789012.3456"),
                                row("-2", null, "-9223372036854775809", "1", null),
                                row("BIGINT", "BIGINT", "DECIMAL(38,0)", "DECIMAL(38,0)", "DECIMAL(38,4)")), false,
                        "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet('{dir}/sums.parquet') UNION ALL SELECT DISTINCT "
                                + "typeof(small), typeof(past_double), typeof(past_bigint), typeof(unsigned), typeof(amount) "
                                + "FROM read_parquet('{dir}/sums.parquet')"),
                new Case<>("zstd by default", new WriteParquetSettings("zstd.parquet", null, null, null),
                        List.of(SALES), List.of(row("ZSTD")), false,
                        "SELECT DISTINCT compression FROM parquet_metadata('{dir}/zstd.parquet')"),
                new Case<>("snappy with a row group size", new WriteParquetSettings("snappy.parquet", null, Compression.SNAPPY, 1000),
                        List.of(SALES), List.of(row("SNAPPY")), false,
                        "SELECT DISTINCT compression FROM parquet_metadata('{dir}/snappy.parquet')"),
                new Case<>("gzip", new WriteParquetSettings("gzip.parquet", WriteMode.OVERWRITE, Compression.GZIP, null),
                        List.of(SALES), List.of(row("GZIP")), false,
                        "SELECT DISTINCT compression FROM parquet_metadata('{dir}/gzip.parquet')"),
                new Case<>("uncompressed", new WriteParquetSettings("plain.parquet", null, Compression.UNCOMPRESSED, null),
                        List.of(SALES), List.of(row("UNCOMPRESSED")), false,
                        "SELECT DISTINCT compression FROM parquet_metadata('{dir}/plain.parquet')"));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("no path", "{}", List.of(SALES), "path", "is required"),
                new BadSettings("an unknown compression", "{\"path\": \"out.parquet\", \"compression\": \"lz4\"}", List.of(SALES),
                        "compression", "zstd, snappy, gzip, uncompressed"),
                new BadSettings("a row group size of zero", "{\"path\": \"out.parquet\", \"row_group_size\": 0}", List.of(SALES),
                        "row_group_size", "between 1 and"));
    }

    @Test
    void aSumOfBigintsPast2To53IsWrittenExactlyAsAnInteger() {
        String flow = """
                flowfile: 1
                name: sums
                nodes:
                  - id: amounts
                    type: manual_input
                    settings:
                      columns: [{name: shop, type: VARCHAR}, {name: amount, type: BIGINT}]
                      rows: [[a, 9007199254740993], [a, 0], [b, 1], [b, 2]]
                  - id: per_shop
                    type: group_by
                    settings: {group_by: [shop], aggregations: [{column: amount, function: sum, alias: total}]}
                  - id: out
                    type: write_parquet
                    settings: {path: totals.parquet}
                edges:
                  - {from: amounts, to: per_shop}
                  - {from: per_shop, to: out}
                """;
        try (var flows = FlowHarness.create(workDir, 2)) {
            assertThat(flows.run(flow).succeeded()).isTrue();
        }

        assertThat(harness.query("SELECT shop, total, typeof(total) FROM read_parquet('" + workDir.resolve("totals.parquet")
                + "') ORDER BY shop")).containsExactly(row("a", "9007199254740993", "BIGINT"), row("b", "3", "BIGINT"));
    }

    @Test
    void failIfExistsLeavesAnExistingFileAndNamesIt() throws Exception {
        Path existing = workDir.resolve("exists.parquet");
        Files.writeString(existing, "not parquet\n");

        NodeHarness.Result result = harness.run(type(), new WriteParquetSettings("exists.parquet", WriteMode.FAIL_IF_EXISTS, null, null),
                SALES);

        assertThat(result.error()).isNotNull();
        assertThat(result.error().code()).isEqualTo(NodeErrorCode.OUTPUT_EXISTS);
        assertThat(result.error().message()).contains(existing.toString());
        assertThat(Files.readString(existing)).isEqualTo("not parquet\n");
    }
}
