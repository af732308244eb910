package io.flowfile.catalog.api;

import io.flowfile.catalog.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One display of a node during a run, as Jupyter's {@code display_data} carries it: a MIME bundle
 * whose values are text (binary images in base64, JSON types as JSON text).
 *
 * @param nodeId the node that displayed it
 * @param title  the title given to {@code flowfile.display}, or null; at most 256 characters
 * @param bundle MIME type to representation, in order; at least one
 */
public record DisplayOutput(String nodeId, String title, Map<String, String> bundle) {

    /** type/subtype of RFC 6838's characters. */
    private static final Pattern MIME_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}");
    public static final int MAX_TITLE = 256;

    public DisplayOutput {
        Checks.nodeId(nodeId, "node id of a display");
        Checks.optionalText(title, "title of a display of node '" + nodeId + "'", MAX_TITLE);
        Checks.notNull(bundle, "MIME bundle of a display of node '" + nodeId + "'");
        if (bundle.isEmpty()) {
            throw Checks.invalid("a display of node '" + nodeId + "' has an empty MIME bundle");
        }
        bundle.forEach((type, value) -> {
            Checks.matching(type, MIME_TYPE, "MIME type of a display of node '" + nodeId + "'", "type/subtype");
            Checks.notNull(value, type + " representation of a display of node '" + nodeId + "'");
        });
        bundle = Collections.unmodifiableMap(new LinkedHashMap<>(bundle));
    }

    /** Jupyter sends these in base64: images other than SVG. */
    public static boolean isBase64(String mimeType) {
        return mimeType.startsWith("image/") && !mimeType.startsWith("image/svg");
    }
}
