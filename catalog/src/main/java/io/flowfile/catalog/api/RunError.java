package io.flowfile.catalog.api;

import io.flowfile.catalog.internal.Checks;

/**
 * Why a run or a node failed, as the module that failed numbered it.
 *
 * @param code    the numbered code (e.g. a node or kernel error code)
 * @param name    the code's name, e.g. {@code COLUMN_NOT_FOUND}
 * @param message what went wrong; cut to 4000 characters
 */
public record RunError(int code, String name, String message) {

    public RunError {
        Checks.text(name, "error name", 128);
        message = Checks.truncate(Checks.notNull(message, "error message"), Checks.MAX_TEXT);
    }
}
