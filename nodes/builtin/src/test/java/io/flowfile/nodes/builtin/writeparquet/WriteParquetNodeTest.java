package io.flowfile.nodes.builtin.writeparquet;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeType;
import io.flowfile.node.WriteMode;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.writeparquet.WriteParquetSettings.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteParquetNodeTest extends NodeContractTest<WriteParquetSettings> {

    private static final In SALES = in("main", table("id INTEGER, region VARCHAR, amount DECIMAL(10,2), day DATE",
            "(1, 'north', 10.50, DATE '2024-01-31')", "(2, NULL, 3.00, NULL)"));

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
