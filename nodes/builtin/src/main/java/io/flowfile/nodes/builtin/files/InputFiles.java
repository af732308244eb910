package io.flowfile.nodes.builtin.files;

import static java.util.Objects.requireNonNull;

import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.PlanContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Finds the files a reader node reads: one file, or the files a glob such as
 * {@code data/part-*.parquet} or {@code data/2024-??/part.json} matches. Missing files are reported as
 * {@link NodeErrorCode#FILE_NOT_FOUND} problems that name the resolved path.
 */
public final class InputFiles {

    private static final String GLOB_CHARACTERS = "*?[{";

    private InputFiles() {
    }

    /**
     * The one file at {@code path}, resolved against the flow's base directory. Records a problem
     * on {@code settingPath} when it is not a readable file; the resolved path is returned anyway.
     */
    public static Path single(PlanContext context, String settingPath, String path) {
        requireNonNull(context, "context is null");
        requireNonNull(path, "path is null");
        Path file;
        try {
            file = context.resolve(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            context.problem(settingPath, NodeErrorCode.INVALID_SETTING, invalidPath(path, e));
            return Path.of("").toAbsolutePath();
        }
        if (!Files.isRegularFile(file)) {
            context.problem(settingPath, NodeErrorCode.FILE_NOT_FOUND, notAFile(file));
        }
        return file;
    }

    /** Why {@code file} is not a file to read: a directory, under a file, or not there. */
    static String notAFile(Path file) {
        if (Files.isDirectory(file)) {
            return file + " is a directory, not a file";
        }
        for (Path parent = file.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.isRegularFile(parent)) {
                return "file not found: " + file + " (" + parent + " is a file, not a directory)";
            }
            if (Files.isDirectory(parent)) {
                break;
            }
        }
        return "file not found: " + file;
    }

    /**
     * The files {@code path} names: the file itself, or every regular file its glob matches, sorted.
     * Records a problem on {@code settingPath} when nothing matches.
     */
    public static List<Path> matching(PlanContext context, String settingPath, String path) {
        requireNonNull(context, "context is null");
        requireNonNull(path, "path is null");
        if (!isGlob(path)) {
            return List.of(single(context, settingPath, path));
        }
        Path pattern;
        try {
            pattern = context.resolve(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            context.problem(settingPath, NodeErrorCode.INVALID_SETTING, invalidPath(path, e));
            return List.of();
        }
        Path base = pattern.getRoot();
        int first = 0;
        while (first < pattern.getNameCount() - 1 && !isGlob(pattern.getName(first).toString())) {
            base = base.resolve(pattern.getName(first));
            first++;
        }
        Path relativePattern = pattern.subpath(first, pattern.getNameCount());
        try {
            // each file found is resolved again, so that a link among them leading out of the allowed
            // directories is refused like a path naming that place directly
            List<Path> files = walk(base, relativePattern).stream().map(file -> context.resolve(file.toString())).toList();
            if (files.isEmpty()) {
                context.problem(settingPath, NodeErrorCode.FILE_NOT_FOUND, "no file matches " + pattern);
            }
            return files;
        } catch (PatternSyntaxException e) {
            context.problem(settingPath, NodeErrorCode.INVALID_SETTING, "'" + path + "' is not a valid glob: "
                    + e.getDescription().toLowerCase(java.util.Locale.ROOT) + " at character " + (e.getIndex() + 1) + " of "
                    + relativePattern + " (globs use *, ?, [abc] and one level of {a,b})");
            return List.of();
        } catch (IOException | UncheckedIOException e) {
            context.problem(settingPath, NodeErrorCode.READ_FAILED, "cannot list the files in " + base + ": " + e.getMessage());
            return List.of();
        }
    }

    private static String invalidPath(String path, InvalidPathException e) {
        String shown = path.replace("\0", "\\0");
        return "'" + shown + "' is not a valid path: " + (path.indexOf('\0') >= 0 ? "it holds a NUL character"
                : e.getReason().toLowerCase(java.util.Locale.ROOT));
    }

    static boolean isGlob(String path) {
        return path.chars().anyMatch(character -> GLOB_CHARACTERS.indexOf(character) >= 0);
    }

    private static List<Path> walk(Path base, Path relativePattern) throws IOException {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        String glob = relativePattern.toString();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        int depth = glob.contains("**") ? Integer.MAX_VALUE : relativePattern.getNameCount();
        try (Stream<Path> paths = Files.walk(base, depth)) {
            return paths.filter(Files::isRegularFile)
                    .filter(file -> matcher.matches(base.relativize(file)))
                    .sorted()
                    .toList();
        }
    }
}
