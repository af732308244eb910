package io.flowfile.catalog;

import static java.util.Objects.requireNonNull;

/** A failure of the catalog, with its numbered code and a message that names the thing concerned. */
public class CatalogException extends RuntimeException {

    private final CatalogErrorCode code;

    public CatalogException(CatalogErrorCode code, String message) {
        super(message);
        this.code = requireNonNull(code, "code is null");
    }

    public CatalogException(CatalogErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
    }

    public CatalogErrorCode code() {
        return code;
    }
}
