package io.flowfile.app.cli;

import io.flowfile.engine.custom.CustomNodeType;
import io.flowfile.engine.custom.NodeTypeDocument;
import io.flowfile.engine.custom.NodeTypeFiles;
import io.flowfile.engine.registry.NodeRegistry;
import java.nio.file.Path;

/**
 * The node types of the command line: the built-in ones, the Java plugins in the data directory's
 * {@code plugins/} and the custom node type files in its {@code node-types/} (the command line reads
 * files, not the catalog, so it stays quick).
 */
final class CliNodeTypes {

    private CliNodeTypes() {
    }

    /** The registry; a file that cannot be read is named on standard error and left out. */
    static NodeRegistry registry(Path dataDirectory) {
        NodeRegistry registry = NodeRegistry.load(CliNodeTypes.class.getClassLoader(), dataDirectory.resolve("plugins"),
                problem -> System.err.println("warning: " + problem));
        NodeTypeFiles.Loaded loaded = NodeTypeFiles.read(dataDirectory.resolve("node-types"));
        loaded.errors().forEach(error -> System.err.println("warning: node type file not loaded: " + error));
        for (NodeTypeDocument document : loaded.documents()) {
            try {
                registry.publish(CustomNodeType.of(document));
            } catch (IllegalArgumentException e) {
                System.err.println("warning: node type '" + document.type() + "' not loaded: " + e.getMessage());
            }
        }
        return registry;
    }
}
