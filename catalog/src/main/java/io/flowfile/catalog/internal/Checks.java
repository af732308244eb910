package io.flowfile.catalog.internal;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import java.util.regex.Pattern;

/** Argument checks shared by the catalog's records and services; each failure names the field. */
public final class Checks {

    /** Flow names: letters, digits, space, '-', '_' and '.', 1-128, no space at either end. */
    public static final Pattern FLOW_NAME = Pattern.compile("[\\p{L}\\p{Nd}_.-]([\\p{L}\\p{Nd} _.-]{0,126}[\\p{L}\\p{Nd}_.-])?");
    /** Artifact names (flow-scoped and global): letters, digits, '-', '_' and '.', 1-128. */
    public static final Pattern ARTIFACT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** Kernel ids, as kernel-runtime accepts them. */
    public static final Pattern KERNEL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Kernel owners (user names), as kernel-runtime accepts them. */
    public static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");
    /** Node ids, as flow documents write them; flow parameter names follow the same rule. */
    public static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** Tags of global artifacts. */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}");
    /** User names (of the server's users; drafts name their owner so). */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    /** A lower-case hex SHA-256. */
    public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public static final int MAX_TEXT = 4000;

    private Checks() {
    }

    public static CatalogException invalid(String message) {
        return new CatalogException(CatalogErrorCode.INVALID_ARGUMENT, message);
    }

    public static String matching(String value, Pattern pattern, String field, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw invalid(field + " must be " + rule + ", was " + quoted(value));
        }
        return value;
    }

    public static String flowName(String value) {
        return matching(value, FLOW_NAME, "flow name",
                "1-128 letters, digits, spaces, '-', '_' or '.' (no space at either end)");
    }

    public static String artifactName(String value) {
        return matching(value, ARTIFACT_NAME, "artifact name",
                "1-128 letters, digits, '-', '_' or '.' (not starting with '-' or '.')");
    }

    public static String kernelId(String value) {
        return matching(value, KERNEL_ID, "kernel id", "1-64 letters, digits, '-' or '_'");
    }

    public static String nodeId(String value, String field) {
        return matching(value, NODE_ID, field, "1-128 letters, digits, '-' or '_'");
    }

    /** Flow parameter names follow the rule of node ids. */
    public static String parameterName(String value) {
        return nodeId(value, "parameter name");
    }

    public static String owner(String value) {
        return matching(value, OWNER, "owner", "1-128 letters, digits, '.', '_' or '-'");
    }

    public static String username(String value, String field) {
        return matching(value, USERNAME, field, "1-64 letters, digits, '_', '.', '@' or '-'");
    }

    public static String sha256(String value, String field) {
        return matching(value, SHA256, field, "64 lower-case hex digits (a SHA-256)");
    }

    /** Non-blank text of at most {@code max} characters. */
    public static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " must not be empty");
        }
        return optionalText(value, field, max);
    }

    /**
     * Refuses text with a NUL character (U+0000): PostgreSQL cannot store one in a text column, and
     * H2 can, so it is refused on both (JSON text has none: it escapes it).
     */
    public static String withoutNul(String value, String field) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw invalid(field + " must not contain a NUL character (U+0000), found at index " + value.indexOf('\0'));
        }
        return value;
    }

    /** Null, or text of at most {@code max} characters. */
    public static String optionalText(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw invalid(field + " must be at most " + max + " characters, was " + value.length());
        }
        return value;
    }

    /** Cuts a message to what a column holds (error messages may be long stack-trace-like texts). */
    public static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw invalid(field + " is missing");
        }
        return value;
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + truncate(value, 200) + "'";
    }
}
