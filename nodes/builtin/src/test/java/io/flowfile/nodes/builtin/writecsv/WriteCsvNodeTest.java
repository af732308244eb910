package io.flowfile.nodes.builtin.writecsv;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeType;
import io.flowfile.node.WriteMode;
import io.flowfile.nodes.builtin.NodeContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteCsvNodeTest extends NodeContractTest<WriteCsvSettings> {

    private static final In PEOPLE = in("main", table("id INTEGER, name VARCHAR", "(1, 'ann')", "(2, 'b;o\"b')"));
    private static final In SUMS = in("main", table("total HUGEINT, amount DECIMAL(38,4)",
            "(170141183460469231731687303715884105, 12345678901234567890123456789012.3456)", "(9007199254740993, 0.0001)"));

    @Override
    protected NodeType<WriteCsvSettings> type() {
        return new WriteCsvNode();
    }

    @Override
    protected List<Case<WriteCsvSettings>> cases() {
        return List.of(
                new Case<>("defaults: comma, header, double quotes", new WriteCsvSettings("out.csv", null, null, null, null),
                        List.of(PEOPLE), List.of(row("id,name\n1,ann\n2,\"b;o\"\"b\"\n")), false,
                        "SELECT content FROM read_text('{dir}/out.csv')"),
                new Case<>("semicolon, no header, single quotes, in a new directory",
                        new WriteCsvSettings("exports/out.txt", WriteMode.OVERWRITE, ";", false, "'"),
                        List.of(PEOPLE), List.of(row("1;ann\n2;'b;o\"b'\n")), false,
                        "SELECT content FROM read_text('{dir}/exports/out.txt')"),
                new Case<>("integers past 2^53 and 38-digit decimals are written digit for digit",
                        new WriteCsvSettings("sums.csv", null, null, null, null), List.of(SUMS),
                        List.of(row("total,amount\n170141183460469231731687303715884105,12345678901234567890123456789012.3456\n"
                                + "9007199254740993,0.0001\n")), false,
                        "SELECT content FROM read_text('{dir}/sums.csv')"),
                new Case<>("the rows read back as a table", new WriteCsvSettings("table.csv", null, null, null, null),
                        List.of(PEOPLE), List.of(row("1", "ann"), row("2", "b;o\"b")), false,
                        "SELECT * FROM read_csv('{dir}/table.csv')"));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("no path", "{}", List.of(PEOPLE), "path", "is required"),
                new BadSettings("an unknown mode", "{\"path\": \"out.csv\", \"mode\": \"append\"}", List.of(PEOPLE),
                        "mode", "overwrite, fail_if_exists"),
                new BadSettings("a delimiter of two characters", "{\"path\": \"out.csv\", \"delimiter\": \"||\"}", List.of(PEOPLE),
                        "delimiter", "one character"),
                new BadSettings("the quote is the delimiter", "{\"path\": \"out.csv\", \"delimiter\": \";\", \"quote\": \";\"}",
                        List.of(PEOPLE), "quote", "must differ from the delimiter"));
    }

    @Test
    void failIfExistsLeavesAnExistingFileAndNamesIt() throws Exception {
        Path existing = workDir.resolve("exists.csv");
        Files.writeString(existing, "keep me\n");

        NodeHarness.Result result = harness.run(type(), new WriteCsvSettings("exists.csv", WriteMode.FAIL_IF_EXISTS, null, null, null),
                PEOPLE);

        assertThat(result.error()).isNotNull();
        assertThat(result.error().code()).isEqualTo(NodeErrorCode.OUTPUT_EXISTS);
        assertThat(result.error().message()).contains(existing.toString());
        assertThat(Files.readString(existing)).isEqualTo("keep me\n");
    }

    @Test
    void overwriteReplacesAnExistingFile() throws Exception {
        Path existing = workDir.resolve("replace.csv");
        Files.writeString(existing, "old\n");

        NodeHarness.Result result = harness.run(type(), new WriteCsvSettings("replace.csv", null, null, null, null), PEOPLE);

        assertThat(result.error()).isNull();
        assertThat(Files.readString(existing)).startsWith("id,name\n");
    }
}
