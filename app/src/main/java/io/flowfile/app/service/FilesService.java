package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.CatalogDtos.FileEntry;
import io.flowfile.app.api.CatalogDtos.FileListing;
import io.flowfile.app.api.CatalogDtos.FileRootDto;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.config.FileRoots;
import io.flowfile.app.config.FlowfileConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The file picker: directories and files under the server's file roots, and uploads into them. Every
 * path goes through {@link FileRoots#resolve}, which refuses what escapes the roots (by {@code ..},
 * an absolute path or a link). An upload streams to a temporary file in the target's directory,
 * counted against {@code flowfile.server.upload-max-bytes}, and is moved into place only when
 * complete; a refused or broken upload leaves nothing behind (nor the directories it created).
 */
@ApplicationScoped
public class FilesService {

    private static final Logger LOG = Logger.getLogger(FilesService.class);
    /** Entries a listing gives at most. */
    public static final int MAX_ENTRIES = 10_000;
    private static final String TEMPORARY_PREFIX = ".flowfile-upload-";
    private static final int BUFFER = 64 * 1024;

    @Inject
    FileRoots roots;

    @Inject
    FlowfileConfig config;

    public List<FileRootDto> roots() {
        return roots.all().stream().map(root -> new FileRootDto(root.toString(), root.equals(roots.primary()))).toList();
    }

    /** The directory's directories and files (directories first, then by name); links out of the roots are left out. */
    public FileListing list(String path) {
        String requested = path == null ? "" : path;
        Path directory = resolve(requested);
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'" + requested + "' is a file, not a directory");
            }
            throw ApiException.notFound("directory '" + requested + "'");
        }
        List<FileEntry> entries = new ArrayList<>();
        boolean truncated = false;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                if (entries.size() == MAX_ENTRIES) {
                    truncated = true;
                    break;
                }
                entry(child).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "cannot list '" + requested + "': " + reason(e));
        }
        entries.sort(Comparator.comparing((FileEntry entry) -> !entry.kind().equals("directory")).thenComparing(FileEntry::name));
        return new FileListing(display(directory), entries, truncated);
    }

    private Optional<FileEntry> entry(Path child) {
        String name = child.getFileName().toString();
        if (name.startsWith(TEMPORARY_PREFIX) || roots.resolve(display(child)).isEmpty()) {
            return Optional.empty(); // an upload under way, or a link out of the roots
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                return Optional.of(new FileEntry(name, display(child), "directory", null,
                        attributes.lastModifiedTime().toInstant()));
            }
            if (attributes.isRegularFile()) {
                return Optional.of(new FileEntry(name, display(child), "file", attributes.size(),
                        attributes.lastModifiedTime().toInstant()));
            }
        } catch (IOException e) {
            // gone while listing, or a broken link: not listed
        }
        return Optional.empty();
    }

    /**
     * Writes {@code body} to {@code path}, creating missing directories: CONFLICT when the file exists
     * and {@code overwrite} is false (or it is a directory), BODY_TOO_LARGE past the upload limit.
     */
    public FileEntry upload(String path, boolean overwrite, InputStream body) {
        if (path == null || path.isBlank()) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "name the file to write: POST /api/files?path=dir/name.csv");
        }
        Path target = resolve(path);
        if (roots.all().contains(target) || target.getFileName() == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'" + path + "' is a file root; name a file in it");
        }
        if (Files.isDirectory(target)) {
            throw new ApiException(ServerErrorCode.CONFLICT, "'" + path + "' is a directory");
        }
        if (!overwrite && Files.exists(target)) {
            throw exists(path);
        }
        Path parent = target.getParent();
        Path firstCreated = firstMissing(parent);
        Path temporary = parent.resolve(TEMPORARY_PREFIX + UUID.randomUUID() + ".part");
        boolean done = false;
        try {
            Files.createDirectories(parent);
            long limit = config.server().uploadMaxBytes();
            long written;
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                written = copy(body, out, limit);
            }
            if (written > limit) {
                throw new ApiException(ServerErrorCode.BODY_TOO_LARGE, "the upload to '" + path + "' has more than " + limit
                        + " bytes, the most an upload may have (flowfile.server.upload-max-bytes)");
            }
            if (overwrite) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(temporary, target); // fails if it appeared meanwhile
            }
            done = true;
            return entry(target).orElseThrow(() -> new IllegalStateException("the uploaded file " + target + " is not listed"));
        } catch (FileAlreadyExistsException e) {
            throw exists(path);
        } catch (IOException e) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "the upload to '" + path + "' failed: " + reason(e));
        } finally {
            deleteQuietly(temporary);
            if (!done) {
                deleteEmpty(parent, firstCreated);
            }
        }
    }

    /** Copies at most {@code limit} + 1 bytes; more than {@code limit} means the body is too large. */
    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int read;
        while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - total))) > 0) {
            out.write(buffer, 0, read);
            total += read;
            if (total > limit) {
                break;
            }
        }
        return total;
    }

    /** The path as requests name it: relative to the primary root ("/"-separated), absolute in another root. */
    private String display(Path path) {
        Path primary = roots.primary();
        if (path.startsWith(primary)) {
            return primary.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
        }
        return path.toString();
    }

    private Path resolve(String path) {
        try {
            return roots.resolve(path).orElseThrow(() -> outside(path));
        } catch (InvalidPathException e) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'" + path + "' is not a valid path: " + e.getReason());
        }
    }

    /**
     * What went wrong, without the server's absolute paths that I/O messages carry (those go to the
     * log only).
     */
    private static String reason(IOException e) {
        LOG.debugf(e, "file operation failed");
        return switch (e) {
            case java.nio.file.NoSuchFileException missing -> "it does not exist";
            case java.nio.file.AccessDeniedException denied -> "the server may not access it";
            case java.nio.file.NotDirectoryException notDirectory -> "a part of the path is not a directory";
            case java.nio.file.DirectoryNotEmptyException notEmpty -> "the directory is not empty";
            default -> "an I/O error (" + e.getClass().getSimpleName() + ")";
        };
    }

    private ApiException outside(String path) {
        return new ApiException(ServerErrorCode.PATH_OUTSIDE_ROOTS, "path '" + path + "' is outside the file roots "
                + roots.all() + " (relative paths start at " + roots.primary() + "; '..' and links may not leave the roots)");
    }

    private static ApiException exists(String path) {
        return new ApiException(ServerErrorCode.CONFLICT, "'" + path + "' exists; send ?overwrite=true to replace it");
    }

    /** The outermost directory of {@code directory}'s ancestry (itself included) that does not exist yet, or null. */
    private static Path firstMissing(Path directory) {
        Path missing = null;
        for (Path current = directory; current != null && !Files.exists(current); current = current.getParent()) {
            missing = current;
        }
        return missing;
    }

    /** Deletes the directories an upload created, from {@code directory} up to {@code outermost}, while empty. */
    private static void deleteEmpty(Path directory, Path outermost) {
        if (outermost == null) {
            return;
        }
        for (Path current = directory; current != null && current.startsWith(outermost); current = current.getParent()) {
            try {
                Files.deleteIfExists(current);
            } catch (IOException e) {
                return; // not empty (someone else wrote there meanwhile): it stays
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            LOG.warnf("could not delete the temporary upload %s: %s", file, e.getMessage());
        }
    }
}
