package io.flowfile.kernel.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/** A kernel connection file: where the five channels listen and the key that signs messages. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionInfo(
        @JsonProperty("transport") String transport,
        @JsonProperty("ip") String ip,
        @JsonProperty("shell_port") int shellPort,
        @JsonProperty("iopub_port") int iopubPort,
        @JsonProperty("stdin_port") int stdinPort,
        @JsonProperty("control_port") int controlPort,
        @JsonProperty("hb_port") int heartbeatPort,
        @JsonProperty("key") String key,
        @JsonProperty("signature_scheme") String signatureScheme,
        @JsonProperty("kernel_name") String kernelName) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public ConnectionInfo {
        transport = transport == null ? "tcp" : transport;
        requireNonNull(ip, "ip is null");
        key = key == null ? "" : key;
        signatureScheme = signatureScheme == null ? "hmac-sha256" : signatureScheme;
        kernelName = kernelName == null ? "python3" : kernelName;
        if (!transport.equals("tcp")) {
            throw new IllegalArgumentException("transport must be tcp (JeroMQ cannot reach libzmq over ipc), was " + transport);
        }
        if (!signatureScheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException("signature_scheme must be hmac-sha256, was " + signatureScheme);
        }
    }

    /** A random 256-bit key, hex encoded. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    public String address(Channel channel) {
        int port = switch (channel) {
            case SHELL -> shellPort;
            case IOPUB -> iopubPort;
            case STDIN -> stdinPort;
            case CONTROL -> controlPort;
            case HEARTBEAT -> heartbeatPort;
        };
        return transport + "://" + ip + ":" + port;
    }

    public ConnectionInfo withAddress(String ip, int shell, int iopub, int stdin, int control, int heartbeat) {
        return new ConnectionInfo(transport, ip, shell, iopub, stdin, control, heartbeat, key, signatureScheme, kernelName);
    }

    public static ConnectionInfo read(Path file) throws IOException {
        return MessageCodec.JSON.readValue(file.toFile(), ConnectionInfo.class);
    }

    /** Writes the file readable by its owner only from the moment it exists: it holds the signing key. */
    public void write(Path file) throws IOException {
        byte[] json = MessageCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        Files.deleteIfExists(file);
        try (var channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(json);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
