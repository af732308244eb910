package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.config.FileRoots;
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

    @Inject
    FileRoots roots;

    /**
     * The registry with every published version of every custom type: the node type directory's files
     * imported first (a file whose document is not the newest saved version of its type is saved and
     * published as the next version), then the catalog's published versions loaded. A file or a stored
     * version that cannot be read is logged and skipped, never stopping the server.
     */
    public NodeRegistry load(NodeRegistry registry) {
        Path directory = config.nodeTypesDirectory().orElse(config.dataDirectory().resolve("node-types"));
        String inRoot = FileRoots.inside(roots.all(), directory);
        NodeTypeFiles.Loaded files = inRoot != null ? new NodeTypeFiles.Loaded(List.of(), List.of("the node type directory " + directory
                + " is inside the file root " + inRoot + ", where users can write: move it out (flowfile.node-types-dir)")) : NodeTypeFiles.read(directory);
        files.errors().forEach(error -> LOG.errorf("node type file not loaded: %s", error));
        for (NodeTypeDocument document : files.documents()) {
            if (registry.isFixed(document.type())) {
                LOG.errorf("node type file for '%s' not loaded: that is a built-in node type's name", document.type());
                continue;
            }
            List<NodeTypeVersionRecord> versions = catalog.versions(document.type());
            // a file already saved as any version is not saved again (a version made in the designer since stays the newest)
            boolean known = versions.stream().anyMatch(version -> sameContent(version, document));
            if (!known) {
                NodeTypeVersionRecord saved = catalog.save(document.type(), version -> document.withVersion(version).write(FlowFormat.YAML), null);
                catalog.publish(saved.name(), saved.version(), null);
                LOG.infof("node type %s version %d imported from %s", saved.name(), saved.version(), directory);
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
        requireAuthor(user, catalog.versions(document.type()));
        return catalog.save(document.type(), version -> document.withVersion(version).write(FlowFormat.YAML), user.username());
    }

    /** Publishes a saved version: it joins the palette, and nodes added from now on are built with it. */
    public NodeTypeVersionRecord publish(UserRecord user, String name, int version, NodeRegistry registry) {
        requireAuthor(user, catalog.versions(name));
        CustomNodeType type = CustomNodeType.of(document(catalog.get(name, version)));
        NodeTypeVersionRecord published = catalog.publish(name, version, user.username());
        registry.publish(type);
        return published;
    }

    /**
     * Only the author of a type (who saved its first version; the node type directory's types have
     * none) or an admin saves and publishes its versions: another user's version would change what
     * the author's flows run.
     */
    private static void requireAuthor(UserRecord user, List<NodeTypeVersionRecord> versions) {
        if (versions.isEmpty() || user.role() == io.flowfile.catalog.api.Role.ADMIN) {
            return;
        }
        String author = versions.getFirst().createdBy();
        if (author == null || !author.equals(user.username())) {
            throw new ApiException(ServerErrorCode.FORBIDDEN, "node type '" + versions.getFirst().name() + "' is "
                    + (author == null ? "kept in the node type directory" : author + "'s")
                    + ": only " + (author == null ? "" : "its author or ") + "an admin can save or publish its versions; save yours under another name");
        }
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
