package io.flowfile.engine.custom;

import io.flowfile.engine.FlowException;
import io.flowfile.engine.flow.FlowFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A directory of node type files ({@code *.yaml}, {@code *.yml}, {@code *.json}), as a team keeps
 * them in git: read at start by the server (into the catalog) and by the command line.
 */
public final class NodeTypeFiles {

    /** What a directory held: the documents read, and why each other file was not read. */
    public record Loaded(List<NodeTypeDocument> documents, List<String> errors) {
        public Loaded {
            documents = List.copyOf(documents);
            errors = List.copyOf(errors);
        }
    }

    private NodeTypeFiles() {
    }

    /** The node type files directly in {@code directory} (none when it does not exist), in name order. */
    public static Loaded read(Path directory) {
        var documents = new ArrayList<NodeTypeDocument>();
        var errors = new ArrayList<String>();
        if (!Files.isDirectory(directory)) {
            return new Loaded(documents, errors);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(NodeTypeFiles::isNodeTypeFile).sorted().toList();
        } catch (IOException e) {
            return new Loaded(documents, List.of("cannot list the node type directory " + directory + ": " + e.getMessage()));
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                errors.add(file.getFileName() + ": not a plain file (links are not followed)");
                continue;
            }
            try {
                documents.add(NodeTypeDocument.read(Files.readString(file, StandardCharsets.UTF_8), FlowFormat.of(file)));
            } catch (FlowException e) {
                errors.add(file.getFileName() + ": " + (e.problems().isEmpty() ? e.getMessage()
                        : describe(e)));
            } catch (IOException | RuntimeException e) {
                errors.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        return new Loaded(documents, errors);
    }

    /** The problems of a node type document, each as "path: message". */
    public static String describe(FlowException e) {
        if (e.problems().isEmpty()) {
            return e.getMessage();
        }
        return String.join("; ", e.problems().stream()
                .map(problem -> (problem.path() == null ? "" : problem.path() + ": ") + problem.message()).toList());
    }

    private static boolean isNodeTypeFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }
}
