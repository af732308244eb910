package io.flowfile.nodes.builtin.readjson;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.node.NodeType;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.readjson.ReadJsonSettings.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadJsonNodeTest extends NodeContractTest<ReadJsonSettings> {

    @Override
    protected NodeType<ReadJsonSettings> type() {
        return new ReadJsonNode();
    }

    @Override
    protected List<Case<ReadJsonSettings>> cases() {
        write("people.json", """
                [{"id": 1, "name": "ann", "score": 1.5}, {"id": 2, "name": "bob", "score": null}]
                """);
        write("events.ndjson", """
                {"id": 1, "kind": "open"}
                {"id": 2, "kind": "close"}
                """);
        write("logs/day-1.json", "{\"day\": \"2024-01-31\", \"hits\": 3}\n");
        write("logs/day-2.json", "{\"day\": \"2024-02-01\", \"hits\": 5}\n");
        write("logs/readme.txt", "not json\n");
        return List.of(
                Case.ordered("an array of objects", new ReadJsonSettings("people.json", Format.ARRAY, null), List.of(),
                        List.of(row("1", "ann", "1.5"), row("2", "bob", null))),
                Case.ordered("one object per line, detected", new ReadJsonSettings("events.ndjson", null, null), List.of(),
                        List.of(row("1", "open"), row("2", "close"))),
                Case.ordered("keys and types inferred from a sample of the records",
                        new ReadJsonSettings("events.ndjson", null, 1), List.of(),
                        List.of(row("1", "open"), row("2", "close"))),
                Case.unordered("newline-delimited files a glob matches",
                        new ReadJsonSettings("logs/day-*.json", Format.NEWLINE_DELIMITED, null), List.of(),
                        List.of(row("2024-01-31", "3"), row("2024-02-01", "5"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("a missing file is named with its resolved path", "{\"path\": \"missing.json\"}", List.of(),
                        "path", workDir.resolve("missing.json").toString()),
                new BadSettings("a glob that matches nothing", "{\"path\": \"logs/*.jsonl\"}", List.of(),
                        "path", "no file matches"),
                new BadSettings("a sample of no records", "{\"path\": \"people.json\", \"sample_rows\": 0}", List.of(),
                        "sample_rows", "between 1 and"),
                new BadSettings("an unknown format", "{\"path\": \"people.json\", \"format\": \"xml\"}", List.of(),
                        "format", "auto, array, newline_delimited"));
    }

    @Test
    void malformedJsonFailsTheRunNamingTheFile() {
        write("broken.json", "{\"id\": 1}\n{\"id\": \n");

        NodeHarness.Result result = harness.run(type(), new ReadJsonSettings("broken.json", Format.NEWLINE_DELIMITED, null));

        String message = result.error() != null ? result.error().message() : result.problems().getFirst().message();
        assertThat(message).contains("broken.json");
    }

    @Test
    void aKeyThatFirstAppearsLateIsAColumnByDefault() {
        write("late-key.ndjson", records(30_000) + "{\"id\": 30001, \"amount\": 1, \"note\": \"late\"}\n");

        NodeHarness.Result result = harness.run(type(), new ReadJsonSettings("late-key.ndjson", null, null));

        assertThat(result.problems()).isEmpty();
        assertThat(result.error()).isNull();
        assertThat(result.actual().names()).containsExactly("id", "amount", "note");
        assertThat(result.rows().get(30_000)).isEqualTo(row("30001", "1", "late"));
    }

    @Test
    void aDecimalLateInAnIntegerFieldIsReadExactlyByDefault() {
        write("late-decimal.ndjson", records(30_000) + "{\"id\": 30001, \"amount\": 2.5}\n");

        NodeHarness.Result result = harness.run(type(), new ReadJsonSettings("late-decimal.ndjson", null, null));

        assertThat(result.error()).isNull();
        assertThat(result.actual().find("amount").orElseThrow().type()).isEqualTo("DOUBLE");
        assertThat(result.rows().get(30_000)).isEqualTo(row("30001", "2.5"));
    }

    @Test
    void aKeyOnlyInTheLastOfManyFilesIsAColumnByDefault() {
        for (int i = 1; i <= 40; i++) {
            write("many/part-%02d.json".formatted(i), i == 40 ? "{\"id\": 40, \"late\": \"x\"}\n" : "{\"id\": " + i + "}\n");
        }

        NodeHarness.Result result = harness.run(type(), new ReadJsonSettings("many/part-*.json", null, null));

        assertThat(result.error()).isNull();
        assertThat(result.actual().names()).containsExactly("id", "late");
        assertThat(result.rows()).contains(row("40", "x"));
    }

    @Test
    void aKeyPastASampleFailsTheRunNamingTheFile() {
        write("sampled.ndjson", records(3_000) + "{\"id\": 3001, \"amount\": 1, \"note\": \"late\"}\n");

        NodeHarness.Result result = harness.run(type(), new ReadJsonSettings("sampled.ndjson", null, 100));

        assertThat(result.error()).isNotNull();
        assertThat(result.error().message()).contains("sampled.ndjson").contains("note");
    }

    /** {@code n} records {@code {"id": i, "amount": i}}, one per line. */
    private static String records(int n) {
        var content = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            content.append("{\"id\": ").append(i).append(", \"amount\": ").append(i).append("}\n");
        }
        return content.toString();
    }

    private void write(String name, String content) {
        Path file = workDir.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
