package io.flowfile.app.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The directories the server lets user SQL, file nodes and uploads reach (created at first use). */
@ApplicationScoped
public class FileRoots {

    private final List<Path> roots;

    @Inject
    public FileRoots(FlowfileConfig config) {
        this.roots = config.server().fileRoots()
                .filter(list -> !list.isEmpty())
                .orElseGet(() -> List.of(config.dataDirectory().resolve("files")))
                .stream().map(root -> root.toAbsolutePath().normalize()).toList();
        for (Path root : roots) {
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the file root " + root, e);
            }
        }
    }

    public List<Path> all() {
        return roots;
    }

    /**
     * The root of {@code roots} that {@code directory} is inside (users can write there: no code may be
     * loaded from it), or null.
     */
    public static String inside(List<Path> roots, Path directory) {
        Path normal = directory.toAbsolutePath().normalize();
        return roots.stream().filter(normal::startsWith).map(Path::toString).findFirst().orElse(null);
    }

    /** Where relative paths in a draft's settings resolve, and where uploads go by default. */
    public Path primary() {
        return roots.getFirst();
    }

    /**
     * {@code path} resolved against the primary root, if it stays inside one of the roots once
     * {@code ..} and links are resolved (the engine's own check, so the file picker and the nodes
     * agree); empty otherwise.
     */
    public java.util.Optional<Path> resolve(String path) {
        Path candidate = primary().resolve(path).toAbsolutePath().normalize();
        return io.flowfile.engine.validate.FileRootCheck.inside(candidate, roots) ? java.util.Optional.of(candidate) : java.util.Optional.empty();
    }
}
