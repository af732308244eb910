package io.flowfile.engine.plan;

import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.node.InputPort;
import io.flowfile.node.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Content keys: a relation's key is a hash of its node type, canonical settings, port, the keys
 * of its inputs and, for sources, the path, size and modification time of every file read. Equal
 * keys mean equal results, so a key that did not change needs no recomputation. A sink's key is
 * stored under its node's {@code main} port.
 */
public final class CacheKeys {

    /**
     * Part of every key: raised when results of equal settings change (2: exact medians and comparisons, first/last in
     * input order, HUGEINT kept exactly in cached files), so older entries are not served.
     */
    private static final String VERSION = "flowfile-cache-2";

    private CacheKeys() {
    }

    static Map<RelationId, String> compute(List<PlannedNode> nodes) {
        var keys = new LinkedHashMap<RelationId, String>();
        for (PlannedNode node : nodes) {
            var base = new StringBuilder(VERSION).append('\n')
                    .append(node.type().descriptor().type()).append('\n')
                    .append(node.canonicalSettings()).append('\n');
            if (node.type() instanceof io.flowfile.engine.custom.CustomNodeType custom) {
                base.append("custom ").append(custom.identity()).append('\n');
            }
            for (InputPort port : node.ports().inputs()) {
                base.append("input ").append(port.name()).append(':');
                for (RelationId relation : node.inputs().getOrDefault(port.name(), List.of())) {
                    base.append(' ').append(keys.get(relation));
                }
                base.append('\n');
            }
            for (Path file : node.plan().sourceFiles()) {
                base.append("file ").append(file).append(' ').append(fingerprint(file)).append('\n');
            }
            var ports = node.outputs().isEmpty() ? List.of(Ports.MAIN) : node.outputs().keySet();
            for (String port : ports) {
                keys.put(new RelationId(node.id(), port), sha256(base + "output " + port));
            }
        }
        return keys;
    }

    private static String fingerprint(Path file) {
        try {
            return Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    public static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
