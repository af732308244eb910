package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.catalog.api.NodeTypeVersionRecord;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.nodetype.NodeTypeCatalog;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.custom.CustomNodeType;
import io.flowfile.engine.custom.NodeTypeDocument;
import io.flowfile.engine.custom.NodeTypeFiles;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.registry.NodeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Custom node types in the server: saved versions in the catalog, published ones in the engine's
 * registry (and so in the palette), the node type directory imported at start.
 */
@ApplicationScoped
public class NodeTypesService {

    private static final Logger LOG = Logger.getLogger(NodeTypesService.class);

    @Inject
    NodeTypeCatalog catalog;

    @Inject
    FlowfileConfig config;

    /**
     * The registry with every published version of every custom type: the node type directory's files
     * imported first (a file whose document is not the newest saved version of its type is saved and
     * published as the next version), then the catalog's published versions loaded. A file or a stored
     * version that cannot be read is logged and skipped, never stopping the server.
     */
    public NodeRegistry load(NodeRegistry registry) {
        Path directory = config.nodeTypesDirectory().orElse(config.dataDirectory().resolve("node-types"));
        NodeTypeFiles.Loaded files = NodeTypeFiles.read(directory);
        files.errors().forEach(error -> LOG.errorf("node type file not loaded: %s", error));
        for (NodeTypeDocument document : files.documents()) {
            if (registry.isFixed(document.type())) {
                LOG.errorf("node type file for '%s' not loaded: that is a built-in node type's name", document.type());
                continue;
            }
            List<NodeTypeVersionRecord> versions = catalog.versions(document.type());
            boolean known = !versions.isEmpty() && sameContent(versions.getLast(), document);
            if (!known) {
                NodeTypeVersionRecord saved = catalog.save(document.type(), version -> document.withVersion(version).write(FlowFormat.YAML), null);
                catalog.publish(saved.name(), saved.version(), null);
                LOG.infof("node type %s version %d imported from %s", saved.name(), saved.version(), directory);
            } else if (!versions.getLast().published()) {
                catalog.publish(document.type(), versions.getLast().version(), null);
            }
        }
        for (NodeTypeVersionRecord version : catalog.all()) {
            if (version.published()) {
                try {
                    registry.publish(CustomNodeType.of(NodeTypeDocument.read(version.document(), FlowFormat.YAML)));
                } catch (FlowException | IllegalArgumentException e) {
                    LOG.errorf("node type %s version %d not loaded: %s", version.name(), version.version(), e.getMessage());
                }
            }
        }
        return registry;
    }

    /** Whether a stored version holds this document (its version number aside). */
    private static boolean sameContent(NodeTypeVersionRecord stored, NodeTypeDocument document) {
        return Objects.equals(stored.document(), document.withVersion(stored.version()).write(FlowFormat.YAML));
    }

    /** Reads a document sent by a user; its problems (paths from the document's root) make a 400. */
    public NodeTypeDocument parse(String text, FlowFormat format) {
        return NodeTypeDocument.read(text, format);
    }

    /** Saves {@code document} as the next version of its type (not published). */
    public NodeTypeVersionRecord save(UserRecord user, NodeTypeDocument document, NodeRegistry registry) {
        if (registry.isFixed(document.type())) {
            throw new ApiException(ServerErrorCode.CONFLICT, "'" + document.type() + "' is the name of a built-in node type; choose another name");
        }
        return catalog.save(document.type(), version -> document.withVersion(version).write(FlowFormat.YAML), user.username());
    }

    /** Publishes a saved version: it joins the palette, and nodes built with it (or with no version) use it. */
    public NodeTypeVersionRecord publish(UserRecord user, String name, int version, NodeRegistry registry) {
        NodeTypeVersionRecord stored = catalog.get(name, version);
        registry.publish(CustomNodeType.of(document(stored)));
        return catalog.publish(name, version, user.username());
    }

    public List<NodeTypeVersionRecord> all() {
        return catalog.all();
    }

    public List<NodeTypeVersionRecord> versions(String name) {
        List<NodeTypeVersionRecord> versions = catalog.versions(name);
        if (versions.isEmpty()) {
            throw new ApiException(ServerErrorCode.NOT_FOUND, "no custom node type '" + name + "'");
        }
        return versions;
    }

    public NodeTypeVersionRecord get(String name, int version) {
        return catalog.get(name, version);
    }

    public NodeTypeDocument document(NodeTypeVersionRecord stored) {
        return NodeTypeDocument.read(stored.document(), FlowFormat.YAML);
    }

    /** Removes every version of a custom type from the catalog and the palette (flows that use it no longer validate). */
    public void delete(String name, NodeRegistry registry) {
        versions(name);
        registry.withdraw(name);
        catalog.delete(name);
    }
}
