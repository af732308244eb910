package io.flowfile.app.api;

import java.util.Locale;
import java.util.UUID;

/**
 * Path and query parameters read as text and parsed here, so that a malformed one is a 400 naming
 * it instead of the REST layer's bare 404.
 */
public final class Params {

    private Params() {
    }

    /** {@code text} as a UUID; a 400 naming {@code what} otherwise. */
    public static UUID uuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'" + text + "' is not " + what + " (a UUID)");
        }
    }

    /** {@code text} as a whole number of at least 1; a 400 naming {@code what} otherwise. */
    public static int positive(String text, String what) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // refused below
        }
        throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, what + " must be a whole number of at least 1, was '" + text + "'");
    }

    /** {@code text} as an event id: a whole number of at least 0; a 400 naming {@code what} otherwise. */
    public static long eventId(String text, String what) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // refused below
        }
        throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, what + " must be an event id (a whole number of at least 0), was '" + text + "'");
    }

    /** An optional whole-number query parameter: {@code fallback} when absent. */
    public static int optionalPositive(String text, String what, int fallback) {
        return text == null || text.isBlank() ? fallback : positive(text, what);
    }

    /** An optional true/false query parameter: false when absent. */
    public static boolean flag(String text, String name) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, name + " must be true or false, was '" + text + "'");
        };
    }
}
