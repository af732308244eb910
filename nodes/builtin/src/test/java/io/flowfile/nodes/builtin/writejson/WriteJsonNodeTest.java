package io.flowfile.nodes.builtin.writejson;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeType;
import io.flowfile.node.WriteMode;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.writejson.WriteJsonSettings.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteJsonNodeTest extends NodeContractTest<WriteJsonSettings> {

    private static final In PEOPLE = in("main", table("id INTEGER, name VARCHAR", "(1, 'ann')", "(2, 'b\"o')"));
    private static final In SUMS = in("main", table("total HUGEINT, amount DECIMAL(38,4)",
            "(170141183460469231731687303715884105, 12345678901234567890123456789012.3456)", "(9007199254740993, 0.0001)"));

    @Override
    protected NodeType<WriteJsonSettings> type() {
        return new WriteJsonNode();
    }

    @Override
    protected List<Case<WriteJsonSettings>> cases() {
        return List.of(
                new Case<>("one object per line by default", new WriteJsonSettings("out.json", null, null),
                        List.of(PEOPLE), List.of(row("{\"id\":1,\"name\":\"ann\"}\n{\"id\":2,\"name\":\"b\\\"o\"}\n")), false,
                        "SELECT content FROM read_text('{dir}/out.json')"),
                new Case<>("one array", new WriteJsonSettings("array.json", WriteMode.OVERWRITE, Format.ARRAY),
                        List.of(PEOPLE), List.of(row("[\n\t{\"id\":1,\"name\":\"ann\"},\n\t{\"id\":2,\"name\":\"b\\\"o\"}\n]\n")), false,
                        "SELECT content FROM read_text('{dir}/array.json')"),
                new Case<>("integers past 2^53 and 38-digit decimals are written digit for digit",
                        new WriteJsonSettings("sums.json", null, null), List.of(SUMS),
                        List.of(row("{\"total\":170141183460469231731687303715884105,\"amount\":12345678901234567890123456789012.3456}\n"
                                + "{\"total\":9007199254740993,\"amount\":0.0001}\n")), false,
                        "SELECT content FROM read_text('{dir}/sums.json')"),
                new Case<>("the rows read back as a table", new WriteJsonSettings("table.json", null, Format.ARRAY),
                        List.of(PEOPLE), List.of(row("1", "ann"), row("2", "b\"o")), false,
                        "SELECT * FROM read_json('{dir}/table.json', format='array')"));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("no path", "{\"format\": \"array\"}", List.of(PEOPLE), "path", "is required"),
                new BadSettings("an unknown format", "{\"path\": \"out.json\", \"format\": \"pretty\"}", List.of(PEOPLE),
                        "format", "newline_delimited, array"));
    }

    @Test
    void failIfExistsLeavesAnExistingFileAndNamesIt() throws Exception {
        Path existing = workDir.resolve("exists.json");
        Files.writeString(existing, "[]\n");

        NodeHarness.Result result = harness.run(type(), new WriteJsonSettings("exists.json", WriteMode.FAIL_IF_EXISTS, null), PEOPLE);

        assertThat(result.error()).isNotNull();
        assertThat(result.error().code()).isEqualTo(NodeErrorCode.OUTPUT_EXISTS);
        assertThat(result.error().message()).contains(existing.toString());
        assertThat(Files.readString(existing)).isEqualTo("[]\n");
    }
}
