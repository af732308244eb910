package io.flowfile.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInfoTest {

    @TempDir
    Path directory;

    private static ConnectionInfo connection(int shellPort) {
        return new ConnectionInfo("tcp", "127.0.0.1", shellPort, 5556, 5557, 5558, 5559, ConnectionInfo.newKey(), "hmac-sha256", "python3");
    }

    @Test
    void theFileWithTheKeyIsTheOwnersAloneFromTheStart() throws Exception {
        Path file = directory.resolve("connection.json");
        Files.writeString(file, "an older, world-readable file");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ConnectionInfo written = connection(5555);
        written.write(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ConnectionInfo.read(file)).isEqualTo(written);
    }
}
