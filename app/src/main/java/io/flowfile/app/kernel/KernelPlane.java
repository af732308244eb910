package io.flowfile.app.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.manager.KernelDefinition;
import io.flowfile.kernel.manager.KernelManager;
import io.flowfile.node.KernelGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The kernel plane as the command line uses it: kernel definitions kept as JSON files under the
 * data directory, and a kernel manager whose instance id is stable for this machine and data
 * directory. Closing it detaches: running kernels stay up, and the next command re-adopts them
 * with their state (variables, loaded artifacts), as a daemon-owned kernel would.
 */
public final class KernelPlane implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path definitions;
    private final KernelManager manager;
    private final KernelGatewayAdapter gateway;

    private KernelPlane(Path definitions, KernelManager manager) {
        this.definitions = definitions;
        this.manager = manager;
        this.gateway = new KernelGatewayAdapter(manager, Duration.ofHours(1));
    }

    public static KernelPlane open(Path dataDirectory) {
        Path root = dataDirectory.toAbsolutePath().resolve("kernels");
        Path definitions = root.resolve("definitions");
        try {
            Files.createDirectories(definitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + definitions, e);
        }
        KernelRuntimeConfig config = KernelRuntimeConfig.defaults(root, Path.of("docker/flowfile-kernel").toAbsolutePath(), instanceId(root))
                .withPoolSize(0);
        KernelManager manager = new KernelManager(config);
        KernelPlane plane = new KernelPlane(definitions, manager);
        plane.stored().forEach(manager::define);
        return plane;
    }

    /** Stable per machine and data directory: two data directories never touch each other's kernels. */
    private static String instanceId(Path root) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        String directory = Integer.toHexString(root.toString().hashCode());
        String id = ("cli-" + host).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return (id.length() > 50 ? id.substring(0, 50) : id) + "-" + directory;
    }

    public KernelManager manager() {
        return manager;
    }

    public KernelGateway gateway() {
        return gateway;
    }

    /** Saves and applies a definition. */
    public void define(KernelDefinition definition) {
        try {
            JSON.writeValue(definitions.resolve(definition.id() + ".json").toFile(), definition);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save kernel '" + definition.id() + "' under " + definitions, e);
        }
        manager.define(definition);
    }

    public void forget(String id) {
        manager.remove(id);
        try {
            Files.deleteIfExists(definitions.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<KernelDefinition> stored() {
        List<KernelDefinition> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(definitions)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                found.add(JSON.readValue(file.toFile(), KernelDefinition.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel definitions under " + definitions, e);
        }
        return found;
    }

    /** Leaves running kernels up for the next command. */
    @Override
    public void close() {
        manager.detach();
    }
}
