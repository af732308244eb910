package io.flowfile.kernel.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kernel can plant or swap in its directories cannot make the engine open, create, rename
 * or delete anything outside them. Each case plants a link the way a kernel would (it writes in
 * the same directory), or swaps a directory for a link after the engine opened it.
 */
class SafeDirectoryTest {

    @TempDir
    Path temp;

    private Path area;
    private Path outside;
    private Path secret;
    private final List<Path> prepared = new ArrayList<>();

    @BeforeEach
    void directories() throws IOException {
        area = Files.createDirectories(temp.resolve("exchange"));
        outside = Files.createDirectories(temp.resolve("host"));
        secret = Files.writeString(outside.resolve("secret"), "host file");
    }

    private SafeDirectory open() throws IOException {
        return SafeDirectory.open(area, temp.resolve(".exchange.staging"), prepared::add);
    }

    private void assertOutsideUntouched() throws IOException {
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(secret);
        }
        assertThat(Files.readString(secret)).isEqualTo("host file");
    }

    private static String text(SeekableByteChannel channel) throws IOException {
        try (channel) {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            while (channel.read(buffer) > 0) {
                // until the end
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPlantedLinkIsNeitherReadNorWrittenThrough() throws IOException {
        Files.createSymbolicLink(area.resolve("main.arrow"), secret);
        try (SafeDirectory directory = open()) {
            assertThatThrownBy(() -> directory.read("main.arrow")).isInstanceOf(FileSystemException.class).hasMessageContaining("a link");
            assertThatThrownBy(() -> directory.create("main.arrow")).isInstanceOf(FileAlreadyExistsException.class);
            assertThat(directory.attributes("main.arrow")).hasValueSatisfying(attributes -> assertThat(attributes.isSymbolicLink()).isTrue());
            directory.delete("main.arrow");
        }
        assertThat(area.resolve("main.arrow")).doesNotExist();
        assertOutsideUntouched();
    }

    @Test
    void aDirectoryReplacedByALinkIsNotEntered() throws IOException {
        Files.createSymbolicLink(area.resolve("outputs"), outside);
        try (SafeDirectory directory = open()) {
            assertThatThrownBy(() -> directory.read("outputs/secret")).isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("without following a link");
            assertThatThrownBy(() -> directory.create("outputs/new.arrow")).isInstanceOf(FileSystemException.class);
            assertThatThrownBy(() -> directory.directoryOrCreate("outputs")).isInstanceOf(FileSystemException.class);
            directory.delete("outputs");
        }
        assertThat(area.resolve("outputs")).doesNotExist();
        assertOutsideUntouched();
    }

    @Test
    void aDirectorySwappedForALinkAfterItWasOpenedIsStillTheOneWrittenIn() throws IOException {
        Files.createDirectories(area.resolve("inputs"));
        try (SafeDirectory directory = open(); SafeDirectory inputs = directory.directory("inputs")) {
            // The kernel swaps the directory between the engine's check (the open) and its write.
            Files.move(area.resolve("inputs"), area.resolve("moved"));
            Files.createSymbolicLink(area.resolve("inputs"), outside);
            try (SeekableByteChannel written = inputs.create("main-0.arrow")) {
                written.write(ByteBuffer.wrap("rows".getBytes(StandardCharsets.UTF_8)));
            }
            inputs.rename("main-0.arrow", "main-1.arrow");
            assertThat(text(inputs.read("main-1.arrow"))).isEqualTo("rows");
        }
        assertThat(area.resolve("moved/main-1.arrow")).hasContent("rows");
        assertOutsideUntouched();
    }

    @Test
    void deletingATreeRemovesLinksNotWhatTheyPointAt() throws IOException {
        Path tree = Files.createDirectories(area.resolve("run/node/outputs"));
        Files.writeString(tree.resolve("main.arrow"), "x");
        Files.createSymbolicLink(tree.resolve("to-host"), outside);
        Files.createSymbolicLink(area.resolve("run/node/secret"), secret);
        try (SafeDirectory directory = open()) {
            directory.delete("run");
            assertThat(directory.list()).isEmpty();
        }
        assertOutsideUntouched();
    }

    @Test
    void newDirectoriesAreMadeAsideHandedToTheKernelAndMovedIn() throws IOException {
        try (SafeDirectory directory = open(); SafeDirectory run = directory.directoryOrCreate("run");
             SafeDirectory again = directory.directoryOrCreate("run")) {
            assertThat(area.resolve("run")).isDirectory();
            assertThat(prepared).hasSize(1);
            assertThat(prepared.getFirst().getParent()).isEqualTo(temp.resolve(".exchange.staging"));
            assertThat(again.list()).isEqualTo(run.list());
            Files.writeString(area.resolve("run/busy"), "another node's");
            assertThat(directory.deleteIfEmpty("run")).isFalse();
            Files.delete(area.resolve("run/busy"));
            assertThat(directory.deleteIfEmpty("run")).isTrue();
        }
        try (Stream<Path> staging = Files.list(temp.resolve(".exchange.staging"))) {
            assertThat(staging).isEmpty();
        }
    }

    @Test
    void pathsThatLeaveTheDirectoryAreRefused() throws IOException {
        try (SafeDirectory directory = open()) {
            assertThatThrownBy(() -> directory.read("../host/secret")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("leaves its directory");
            assertThatThrownBy(() -> directory.create(secret.toString())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a relative path");
            assertThatThrownBy(() -> directory.delete("a/b")).isInstanceOf(IllegalArgumentException.class);
        }
        assertOutsideUntouched();
    }

    @Test
    void theDirectoryItselfIsNotOpenedThroughALink() throws IOException {
        Path linked = Files.createSymbolicLink(temp.resolve("linked"), outside);
        assertThatThrownBy(() -> SafeDirectory.open(linked, temp.resolve(".staging"), prepared::add))
                .isInstanceOf(FileSystemException.class);
    }
}
