package io.flowfile.nodes.builtin.groupby;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The median as SQL. Of an even number of values it is the mean of the two middle ones, which has
 * one digit more after the point than the values: DuckDB's {@code median} keeps the column's DECIMAL
 * scale (truncating 1.125 to 1.12) and interpolates through DOUBLE (so integers past 2^53 are
 * rounded). For integer and DECIMAL(p,s) columns the median is therefore computed from the two middle
 * values themselves ({@code quantile_disc} of the values and of their negation) as DECIMAL(p+1,s+1),
 * which holds it exactly; an integer type counts as DECIMAL(digits,0), a 128-bit one as DECIMAL(37,0).
 * Other types use DuckDB's {@code median} (DOUBLE for FLOAT and DOUBLE columns).
 */
final class Median {

    private static final int MAX_DIGITS = 38;

    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    /** Digits of each integer type's widest value; 128-bit ones as many as leave room for the extra digit. */
    private static final Map<String, Integer> INTEGER_DIGITS = Map.of("TINYINT", 3, "SMALLINT", 5, "INTEGER", 10,
            "BIGINT", 19, "HUGEINT", MAX_DIGITS - 1, "UTINYINT", 3, "USMALLINT", 5, "UINTEGER", 10, "UBIGINT", 20,
            "UHUGEINT", MAX_DIGITS - 1);

    private Median() {
    }

    /**
     * @param column the quoted column
     * @param type   its DuckDB type
     */
    static String of(String column, String type) {
        String upper = type.strip().toUpperCase(Locale.ROOT);
        int precision;
        int scale;
        Matcher decimal = DECIMAL.matcher(upper);
        if (INTEGER_DIGITS.containsKey(upper)) {
            precision = INTEGER_DIGITS.get(upper);
            scale = 0;
        } else if (decimal.matches()) {
            precision = Integer.parseInt(decimal.group(1));
            scale = Integer.parseInt(decimal.group(2));
        } else {
            return "median(" + column + ")";
        }
        if (scale >= MAX_DIGITS) {
            return "median(" + column + ")";
        }
        // DECIMAL(38,s) has no room for the extra digit: a value of 38-s integer digits fails the run instead.
        String exact = "DECIMAL(" + Math.min(precision + 1, MAX_DIGITS) + "," + (scale + 1) + ")";
        String value = "CAST(" + column + " AS " + exact + ")";
        String lower = "quantile_disc(" + value + ", 0.5)";
        String upperMiddle = "-quantile_disc(-" + value + ", 0.5)";
        return "CAST(" + lower + " + (" + upperMiddle + " - " + lower + ") * 0.5 AS " + exact + ")";
    }
}
