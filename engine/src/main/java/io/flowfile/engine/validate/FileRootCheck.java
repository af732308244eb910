package io.flowfile.engine.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a path stays inside one of the allowed directories once {@code ..} and links are
 * resolved: the longest part of it that exists is resolved to its real path (a link pointing out of
 * a root is outside), the rest is appended as written (a glob, a file not written yet).
 */
public final class FileRootCheck {

    private FileRootCheck() {
    }

    public static boolean inside(Path path, List<Path> roots) {
        Path real;
        try {
            real = real(path.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
        for (Path root : roots) {
            try {
                if (real.startsWith(real(root.toAbsolutePath().normalize()))) {
                    return true;
                }
            } catch (IOException e) {
                // a root that cannot be resolved admits nothing
            }
        }
        return false;
    }

    private static Path real(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        return existing.toRealPath().resolve(existing.relativize(path)).normalize();
    }
}
