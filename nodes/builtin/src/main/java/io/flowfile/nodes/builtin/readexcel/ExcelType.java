package io.flowfile.nodes.builtin.readexcel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** The DuckDB types a sheet's columns get; the constant names are DuckDB's spelling. */
public enum ExcelType {
    BIGINT,
    DOUBLE,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    VARCHAR;

    /** The type a cell value suggests, or null for an empty cell. */
    static ExcelType of(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal number -> ExcelValues.isWholeLong(number) ? BIGINT : DOUBLE;
            case Boolean flag -> BOOLEAN;
            case LocalDate date -> DATE;
            case LocalDateTime timestamp -> TIMESTAMP;
            default -> VARCHAR;
        };
    }

    /** The narrowest type that holds values of both; {@code null} stands for "no value yet". */
    static ExcelType merge(ExcelType seen, ExcelType next) {
        if (seen == null || seen == next) {
            return next == null ? seen : next;
        }
        if (next == null) {
            return seen;
        }
        if (isOneOf(seen, next, BIGINT, DOUBLE)) {
            return DOUBLE;
        }
        if (isOneOf(seen, next, DATE, TIMESTAMP)) {
            return TIMESTAMP;
        }
        return VARCHAR;
    }

    private static boolean isOneOf(ExcelType first, ExcelType second, ExcelType one, ExcelType other) {
        return (first == one || first == other) && (second == one || second == other);
    }
}
