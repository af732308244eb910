package io.flowfile.catalog.nodetype;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.NodeTypeVersionRecord;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Saved versions of custom node types. The catalog numbers the versions (1, 2, ...): two servers
 * saving the same type at once get different numbers. A version never changes; publishing one puts
 * it in the palette (the app reads the published ones at start).
 */
@ApplicationScoped
public class NodeTypeCatalog {

    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    public static final int MAX_DOCUMENT = 1024 * 1024;

    private final NodeTypeVersionRepository versions;

    public NodeTypeCatalog(NodeTypeVersionRepository versions) {
        this.versions = versions;
    }

    /**
     * Saves the next version of {@code name}: {@code document} writes the document of a version number
     * (the number is part of the document).
     */
    public NodeTypeVersionRecord save(String name, IntFunction<String> document, String user) {
        Checks.matching(name, NAME, "node type name", "lower snake case (a letter, then letters, digits or _; at most 63)");
        Checks.optionalText(user, "user", 64);
        Checks.notNull(document, "document of node type '" + name + "'");
        return Conflicts.upsert("node type " + name, () -> {
            int version = versions.lastVersion(name) + 1;
            String text = Checks.text(document.apply(version), "document", MAX_DOCUMENT);
            var entity = new NodeTypeVersionEntity(name, version, sha256(text), text, user, Times.now());
            versions.persist(entity);
            versions.flush();
            return entity.toRecord();
        });
    }

    /** Publishes a version (a published one stays as it was). */
    @Transactional
    public NodeTypeVersionRecord publish(String name, int version, String user) {
        Checks.notNull(name, "node type name");
        NodeTypeVersionEntity entity = versions.find(name, version).orElseThrow(() -> notFound(name, version));
        entity.publish(user, Times.now());
        return entity.toRecord();
    }

    @Transactional
    public NodeTypeVersionRecord get(String name, int version) {
        Checks.notNull(name, "node type name");
        return versions.find(name, version).orElseThrow(() -> notFound(name, version)).toRecord();
    }

    /** Every version of {@code name}, oldest first (empty for a name never saved). */
    @Transactional
    public List<NodeTypeVersionRecord> versions(String name) {
        Checks.notNull(name, "node type name");
        return versions.listForName(name).stream().map(NodeTypeVersionEntity::toRecord).toList();
    }

    /** Every version of every node type, by name then version. */
    @Transactional
    public List<NodeTypeVersionRecord> all() {
        return versions.listAll().stream().map(NodeTypeVersionEntity::toRecord).toList();
    }

    /** Removes every version of {@code name}; how many there were. */
    @Transactional
    public int delete(String name) {
        Checks.notNull(name, "node type name");
        return (int) versions.delete("name", name);
    }

    private static CatalogException notFound(String name, int version) {
        return new CatalogException(CatalogErrorCode.NODE_TYPE_NOT_FOUND, "node type '" + name + "' has no version " + version);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
