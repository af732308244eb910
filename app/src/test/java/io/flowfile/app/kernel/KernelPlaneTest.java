package io.flowfile.app.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the hand-off's exchange files go. */
class KernelPlaneTest {

    @TempDir
    Path shm;

    @Test
    void aConfiguredDirectoryWins() {
        assertThat(KernelPlane.exchangeRoot("relative/exchange", shm, "i1")).isEqualTo(Path.of("relative/exchange").toAbsolutePath());
    }

    @Test
    void otherwiseAPrivateDirectoryOfTheInstanceInSharedMemory() throws Exception {
        Path root = KernelPlane.exchangeRoot(null, shm, "i1");

        assertThat(root).isEqualTo(shm.resolve("flowfile-i1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(KernelPlane.exchangeRoot("  ", shm, "i1")).as("found again").isEqualTo(root);
    }

    @Test
    void aLinkPlantedThereOrNoSharedMemoryMeansTheDataDirectory() throws Exception {
        Files.createSymbolicLink(shm.resolve("flowfile-i2"), Files.createTempDirectory("elsewhere"));
        assertThat(KernelPlane.exchangeRoot(null, shm, "i2")).isNull();
        assertThat(KernelPlane.exchangeRoot(null, shm.resolve("missing"), "i3")).isNull();
    }
}
