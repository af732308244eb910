package io.flowfile.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.testing.Cli;
import io.flowfile.app.testing.Cli.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin (examples/plugin-example, built by the reactor before the app) dropped into a
 * data directory's plugins/: the command line lists its node type, prints its schema and runs it.
 */
class PluginsTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "plugin-example", "target").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static Path exampleJar() throws IOException {
        assertThat(EXAMPLE).as("the example plugin is built (mvn package in examples/plugin-example)").isDirectory();
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            return files.filter(file -> file.getFileName().toString().matches("flowfile-plugin-example-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no flowfile-plugin-example jar in " + EXAMPLE));
        }
    }

    @Test
    void aPluginJarInThePluginsDirectoryIsANodeTypeOfTheCommandLine() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("plugins"));
        Files.copy(exampleJar(), data.resolve("plugins").resolve("mask.jar"));
        Files.writeString(data.resolve("plugins").resolve("broken.jar"), "not a jar");

        Outcome nodes = Cli.run(data, "nodes", "--data-dir", data.toString());
        assertThat(nodes.exitCode()).isZero();
        assertThat(nodes.out()).contains("mask_text").contains("Replaces the characters of a text column");
        Outcome schema = Cli.run(data, "schema", "mask_text", "--data-dir", data.toString());
        assertThat(schema.out()).contains("\"x-flowfile-column\" : \"main\"").contains("\"keep\"");

        Path flow = dir.resolve("mask.yaml");
        Files.writeString(flow, """
                flowfile: 1
                name: mask
                nodes:
                  - id: cards
                    type: manual_input
                    settings:
                      columns: [{name: card, type: VARCHAR}]
                      rows: [["4111111111111111"], ["12"], [null]]
                  - {id: masked, type: mask_text, settings: {column: card, keep: 4}}
                  - {id: out, type: write_csv, settings: {path: OUT}}
                edges: [{from: cards, to: masked}, {from: masked, to: out}]
                """.replace("OUT", dir.resolve("masked.csv").toString()));
        Outcome run = Cli.run(data, "run", flow.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("masked.csv"))).containsExactly("card", "************1111", "12", "");

        Files.writeString(dir.resolve("mask-bad.yaml"), Files.readString(flow).replace("column: card", "column: pan"));
        Outcome wrongColumn = Cli.run(data, "validate", dir.resolve("mask-bad.yaml").toString());
        assertThat(wrongColumn.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(wrongColumn.err()).contains("column \"pan\" does not exist in input 'main'");
    }
}
