package io.flowfile.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path directory;

    @Test
    void deletesATreeButNotWhatItsLinksPointTo() throws IOException {
        Path outside = Files.writeString(directory.resolve("outside.txt"), "kept");
        Path root = Files.createDirectories(directory.resolve("root/a/b"));
        Files.writeString(root.resolve("file.txt"), "gone");
        Files.createSymbolicLink(directory.resolve("root/a/link"), outside);

        FileTrees.delete(directory.resolve("root"));

        assertThat(directory.resolve("root")).doesNotExist();
        assertThat(outside).hasContent("kept");
    }

    @Test
    void anAbsentTreeIsNothingToDelete() throws IOException {
        FileTrees.delete(directory.resolve("absent"));

        assertThat(directory.resolve("absent")).doesNotExist();
    }
}
