package io.flowfile.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void writesTheValueOverAnEarlierFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = directory.resolve("entry.json");
        Files.writeString(target, "{\"old\": true}");

        JsonFiles.writeAtomically(json, Map.of("rows", 3), target);

        assertThat(json.readTree(target.toFile()).get("rows").asInt()).isEqualTo(3);
        assertThat(names()).containsExactly("entry.json");
    }

    @Test
    void aValueThatCannotBeWrittenLeavesTheEarlierFileAndNoTemporaryFile() throws IOException {
        Path target = directory.resolve("entry.json");
        Files.writeString(target, "{\"old\": true}");

        assertThatThrownBy(() -> JsonFiles.writeAtomically(json, new Object(), target)).isInstanceOf(IOException.class);

        assertThat(Files.readString(target)).isEqualTo("{\"old\": true}");
        assertThat(names()).containsExactly("entry.json");
    }

    @Test
    void replaceMovesAFileOverAnother() throws IOException {
        Path from = Files.writeString(directory.resolve("new.parquet"), "new");
        Path to = Files.writeString(directory.resolve("key.parquet"), "old");

        JsonFiles.replace(from, to);

        assertThat(Files.readString(to)).isEqualTo("new");
        assertThat(names()).containsExactly("key.parquet");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
