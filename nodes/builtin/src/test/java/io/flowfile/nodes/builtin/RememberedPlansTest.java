package io.flowfile.nodes.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.node.Column;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine remembers nodes it planned and previews it read (so that validating and previewing an
 * unchanged draft again costs little): what a source reads must still be read again whenever its
 * file changed, however it changed.
 */
class RememberedPlansTest {

    private static final String FLOW = """
            flowfile: 1
            name: remembered
            nodes:
              - id: people
                type: read_csv
                settings: {path: people.csv}
              - id: adults
                type: filter
                settings: {mode: advanced, expression: "age >= 18"}
            edges: [{from: people, to: adults}]
            """;

    @TempDir
    Path dir;

    private FlowHarness harness;

    @BeforeEach
    void start() {
        harness = FlowHarness.create(dir, 1);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Path write(String name, String text, Instant modified) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private List<String> columns(String node) {
        return harness.validate(FLOW).schema(new RelationId(node, "main")).orElseThrow().columns().stream().map(Column::name).toList();
    }

    @Test
    void aSourceFileWrittenAgainIsReadAgain() throws Exception {
        write("people.csv", "name,age\nann,31\nbob,12\n", Instant.now().minusSeconds(60));
        assertThat(columns("adults")).containsExactly("name", "age");
        assertThat(columns("adults")).containsExactly("name", "age"); // remembered
        assertThat(harness.output(FLOW, "adults", ExecutionMode.DEVELOPMENT).rows()).containsExactly(List.of("ann", "31"));

        Files.writeString(dir.resolve("people.csv"), "name,age,city\nann,31,Oslo\ncid,40,Rome\n");

        assertThat(columns("adults")).containsExactly("name", "age", "city");
        assertThat(harness.output(FLOW, "adults", ExecutionMode.DEVELOPMENT).rows())
                .containsExactly(List.of("ann", "31", "Oslo"), List.of("cid", "40", "Rome"));
    }

    @Test
    void aFileReplacedByAnotherOfTheSameSizeAndTimeIsReadAgain() throws Exception {
        Instant before = Instant.now().minusSeconds(60);
        write("people.csv", "name,age\nann,31\n", before);
        assertThat(columns("people")).containsExactly("name", "age");
        assertThat(columns("people")).containsExactly("name", "age");

        Path other = write("other.csv", "nick,age\nann,31\n", before); // as long, as old: another file
        Files.move(other, dir.resolve("people.csv"), StandardCopyOption.REPLACE_EXISTING);

        assertThat(columns("people")).containsExactly("nick", "age");
    }

    @Test
    void aFileChangedJustBeforeItWasReadIsNotRemembered() throws Exception {
        Path file = write("people.csv", "name,age\nann,31\n", Instant.now()); // may still be being written
        assertThat(columns("people")).containsExactly("name", "age");

        // the same size and modification time, but new content: only a plan made again sees it
        Instant same = Files.getLastModifiedTime(file).toInstant();
        Files.writeString(file, "nick,age\nann,31\n");
        Files.setLastModifiedTime(file, FileTime.from(same));

        assertThat(columns("people")).containsExactly("nick", "age");
    }
}
