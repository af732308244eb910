package io.flowfile.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.testing.Cli;
import io.flowfile.app.testing.Cli.Outcome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process on the committed examples. */
class FlowfileCommandTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Outcome flowfile(String... args) {
        return Cli.run(dir.resolve("data"), args);
    }

    @Test
    void theSalesExampleWritesRevenuePerRegionAndProduct() throws Exception {
        Path out = dir.resolve("out");
        Outcome run = flowfile("run", EXAMPLES.resolve("sales/sales-report.yaml").toString(), "--param", "output_dir=" + out);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("report", "succeeded", "10 rows", "11 succeeded, 0 failed, 0 skipped");
        // Shipped orders per region and product, quantity * unit_price, worked out from orders.csv by hand.
        assertThat(Files.readAllLines(out.resolve("revenue-by-region.csv"))).containsExactly(
                "region,product,revenue,orders",
                "North,desk,420.0,1",
                "West,chair,252.0,1",
                "West,desk,230.0,1",
                "South,desk,220.0,1",
                "East,desk,215.0,1",
                "South,chair,200.0,1",
                "West,lamp,175.0,1",
                "East,chair,132.0,1",
                "North,chair,90.0,1",
                "North,lamp,36.0,1");
        assertThat(out.resolve("revenue-by-region.parquet")).exists();
    }

    @Test
    void aParameterFromTheCommandLineChangesTheResult() throws Exception {
        Path out = dir.resolve("out");
        Outcome run = flowfile("run", EXAMPLES.resolve("sales/sales-report.yaml").toString(),
                "-p", "output_dir=" + out, "-p", "min_quantity=5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("revenue-by-region.csv"))).containsExactly(
                "region,product,revenue,orders", "West,chair,252.0,1", "South,chair,200.0,1", "West,lamp,175.0,1");
    }

    @Test
    void theTagsExampleRunsInDevelopmentModeAndPreviewsAnyNode() throws Exception {
        Path output = dir.resolve("tags.ndjson");
        Outcome run = flowfile("run", EXAMPLES.resolve("tags/tags.yaml").toString(), "--mode", "development", "-p", "output=" + output);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(output)).hasSize(6)
                .contains("{\"id\":1,\"user\":\"bob\",\"tags\":\"duckdb\",\"likes\":12,\"tag\":\"duckdb\",\"like_rank\":1,\"running_likes\":12}");
        Outcome preview = flowfile("preview", EXAMPLES.resolve("tags/tags.yaml").toString(), "one_tag_per_row", "--rows", "3");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out()).contains("user VARCHAR", "tag VARCHAR", "(3 rows)");
    }

    @Test
    void explainPrintsTheFusedSql() {
        Outcome explain = flowfile("run", EXAMPLES.resolve("sales/sales-report.yaml").toString(), "--explain");
        assertThat(explain.exitCode()).isZero();
        assertThat(explain.out()).contains("performance mode", "stage", "read_csv(", "COPY (WITH");
    }

    @Test
    void anInvalidFlowExitsWithTwoAndListsEveryProblem() throws Exception {
        Path flow = dir.resolve("broken.yaml");
        Files.writeString(flow, """
                flowfile: 1
                name: broken
                nodes:
                  - {id: source, type: read_csv, settings: {path: missing.csv}}
                  - {id: both, type: union}
                  - {id: sorted, type: sort, settings: {keys: [{column: x}]}}
                  - {id: other, type: no_such_node}
                edges: [{from: source, to: both}, {from: sorted, to: both}, {from: both, to: sorted}]
                """);
        Outcome run = flowfile("run", flow.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(run.err()).contains("The flow has 3 problems", "no_such_node", "cycle: both -> sorted -> both",
                "missing.csv", "FILE_NOT_FOUND");
    }

    @Test
    void aFailingRunExitsWithOneAndNamesTheNodeFileAndLine() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "id,amount\n1,10\n2,ten\n");
        Path flow = dir.resolve("bad.yaml");
        Files.writeString(flow, """
                flowfile: 1
                name: bad
                nodes:
                  - id: amounts
                    type: read_csv
                    settings: {path: bad.csv, columns: [{name: id, type: INTEGER}, {name: amount, type: INTEGER}]}
                  - {id: total, type: group_by, settings: {aggregations: [{column: amount, function: sum}]}}
                edges: [{from: amounts, to: total}]
                """);
        Outcome run = flowfile("run", flow.toString());
        assertThat(run.exitCode()).isEqualTo(FlowfileCommand.RUN_FAILED);
        assertThat(run.out()).contains("amounts", "FAILED", "bad.csv", "ten", "Line: 3");
    }

    @Test
    void nodesListsEveryBuiltInType() {
        Outcome nodes = flowfile("nodes");
        assertThat(nodes.exitCode()).isZero();
        assertThat(nodes.out()).contains("read_csv", "read_parquet", "read_json", "read_excel", "manual_input", "select", "filter",
                "formula", "sort", "sample", "unique", "record_id", "text_to_rows", "sql", "join", "union", "fuzzy_match",
                "group_by", "pivot", "unpivot", "window", "record_count", "write_csv", "write_parquet", "write_json");
    }

    @Test
    void schemaPrintsTheSettingsSchemaOfAType() {
        Outcome schema = flowfile("schema", "join");
        assertThat(schema.exitCode()).isZero();
        assertThat(schema.out()).contains("\"right_suffix\"", "\"semi\"", "\"anti\"");
        assertThat(flowfile("schema").out()).contains("\"flowfile\"", "\"write_parquet\"");
    }

    @Test
    void formatGivesTheStableYamlOfAJsonFlow() throws Exception {
        Outcome yaml = flowfile("format", EXAMPLES.resolve("sales/sales-report.yaml").toString());
        Path json = dir.resolve("flow.json");
        assertThat(flowfile("format", EXAMPLES.resolve("sales/sales-report.yaml").toString(), "-o", json.toString()).exitCode()).isZero();
        assertThat(flowfile("format", json.toString(), "--to", "yaml").out()).isEqualTo(yaml.out());
    }

    private static void refusedNaming(Outcome outcome, String... parts) {
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(outcome.err()).contains(parts).doesNotContain("\tat ", "Exception");
    }

    @Test
    void engineOptionsOutOfRangeOrOfTheWrongKindAreRefusedNamingTheOption() {
        String flow = EXAMPLES.resolve("sales/sales-report.yaml").toString();
        refusedNaming(flowfile("validate", flow, "--threads", "0"), "--threads", "0");
        refusedNaming(flowfile("validate", flow, "--threads", "many"), "--threads", "many");
        refusedNaming(flowfile("validate", flow, "--threads", "-3"), "--threads");
        refusedNaming(flowfile("validate", flow, "--parallelism", "0"), "--parallelism", "1", "64");
        refusedNaming(flowfile("validate", flow, "--parallelism", "1000"), "--parallelism", "1000");
        refusedNaming(flowfile("validate", flow, "--memory-limit", "lots"), "--memory-limit", "lots");
        refusedNaming(flowfile("validate", flow, "--memory-limit", "-4GB"), "--memory-limit");
        refusedNaming(flowfile("run", flow, "--mode", "fast"), "--mode", "fast", "performance", "development");
        assertThat(flowfile("validate", flow, "--threads", "2", "--parallelism", "3", "--memory-limit", "1.5GB").exitCode()).isZero();
    }

    @Test
    void aPreviewRowCountOutOfRangeIsRefused() {
        String flow = EXAMPLES.resolve("sales/sales-report.yaml").toString();
        refusedNaming(flowfile("preview", flow, "shipped", "-n", "-1"), "--rows", "-1");
        refusedNaming(flowfile("preview", flow, "shipped", "--rows", "ten"), "--rows", "ten");
    }

    @Test
    void anUnknownOutputFormatOrAMissingOutputDirectoryIsRefused() {
        String flow = EXAMPLES.resolve("sales/sales-report.yaml").toString();
        refusedNaming(flowfile("format", flow, "--to", "xml"), "--to", "xml", "json", "yaml");
        Path missing = dir.resolve("no/such/dir/flow.yaml");
        refusedNaming(flowfile("format", flow, "-o", missing.toString()), missing.getParent().toString());
        assertThat(missing.getParent()).doesNotExist();
        refusedNaming(flowfile("format", flow, "-o", dir.resolve("flow.xml").toString()), "flow.xml", ".json", ".yaml");
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Outcome run = Cli.run(file, "validate", EXAMPLES.resolve("sales/sales-report.yaml").toString());
        refusedNaming(run, "--data-dir", file.toString());
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aFlowFileThatDoesNotExistOrIsADirectoryIsRefused() {
        refusedNaming(flowfile("run", dir.resolve("missing.yaml").toString()), "missing.yaml");
        refusedNaming(flowfile("validate", dir.toString()), dir.toString());
    }
}
