package io.flowfile.nodes.builtin.filter;

import io.flowfile.node.Column;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Sql;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two sides of a basic filter's comparison (equals, greater_than, ..., in, between) in one type
 * that holds the column's values and the given values exactly, so that a value is never rounded to
 * the column's type ({@code n > 2.5} on an INTEGER column must not become {@code n > 3}):
 * <ul>
 *   <li>integer and DECIMAL columns: values that fit the column's type are cast to it and the column
 *       is left as it is; otherwise both sides become the DECIMAL that holds the column's digits and
 *       the values' (INTEGER against 2.5: DECIMAL(11,1); DECIMAL(12,2) against 900.005:
 *       DECIMAL(13,3)). A value that is not a number, or needs more than 38 digits, is a problem.
 *   <li>DATE columns: a value with a time of day compares both sides as TIMESTAMP.
 *   <li>FLOAT and DOUBLE columns, and all other types: the value is cast to the column's type (for
 *       floating point, the nearest FLOAT or DOUBLE, as the column's own values were made).
 * </ul>
 */
final class Comparison {

    /** The widest DECIMAL DuckDB has. */
    private static final int MAX_DIGITS = 38;

    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final Pattern PLAIN_DATE = Pattern.compile("[+-]?\\d+-\\d{1,2}-\\d{1,2}");

    /** Integer types: digits of their widest value, smallest and largest value. */
    private static final Map<String, ExactType> INTEGERS = Map.of(
            "TINYINT", ExactType.integer(3, -128, 127),
            "SMALLINT", ExactType.integer(5, -32_768, 32_767),
            "INTEGER", ExactType.integer(10, Integer.MIN_VALUE, Integer.MAX_VALUE),
            "BIGINT", ExactType.integer(19, Long.MIN_VALUE, Long.MAX_VALUE),
            "HUGEINT", new ExactType(39, 0, new BigDecimal(BigInteger.ONE.shiftLeft(127).negate()),
                    new BigDecimal(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE))),
            "UTINYINT", ExactType.integer(3, 0, 255),
            "USMALLINT", ExactType.integer(5, 0, 65_535),
            "UINTEGER", ExactType.integer(10, 0, 4_294_967_295L),
            "UBIGINT", new ExactType(20, 0, BigDecimal.ZERO, new BigDecimal(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))),
            "UHUGEINT", new ExactType(39, 0, BigDecimal.ZERO, new BigDecimal(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE))));

    /**
     * @param column the column as SQL, e.g. {@code "n"} or {@code CAST("n" AS DECIMAL(11,1))}
     * @param values each value as SQL of the same type
     */
    record Operands(String column, List<String> values) {
    }

    /**
     * A type whose values are exact decimal numbers.
     *
     * @param precision digits in all
     * @param scale     digits after the point
     * @param min       the smallest value
     * @param max       the largest value
     */
    private record ExactType(int precision, int scale, BigDecimal min, BigDecimal max) {

        static ExactType integer(int digits, long min, long max) {
            return new ExactType(digits, 0, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        }

        static ExactType decimal(int precision, int scale) {
            BigDecimal max = BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
            return new ExactType(precision, scale, max.negate(), max);
        }

        int integerDigits() {
            return precision - scale;
        }

        boolean holds(BigDecimal value) {
            return value.scale() <= scale && value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }

    private Comparison() {
    }

    /**
     * @param values the values as the user wrote them
     * @param paths  the setting path of each value, for problems
     */
    static Operands of(Column column, List<String> values, List<String> paths, PlanContext context) {
        String name = Sql.identifier(column.name());
        String type = column.type().strip().toUpperCase(Locale.ROOT);
        ExactType exact = exactType(type);
        if (exact != null) {
            return numbers(column, exact, values, paths, context);
        }
        if (type.equals("DATE") && values.stream().anyMatch(value -> !PLAIN_DATE.matcher(value.strip()).matches())) {
            return new Operands("CAST(" + name + " AS TIMESTAMP)", cast(values, "TIMESTAMP"));
        }
        return new Operands(name, cast(values, column.type()));
    }

    private static Operands numbers(Column column, ExactType type, List<String> texts, List<String> paths, PlanContext context) {
        var numbers = new ArrayList<BigDecimal>();
        for (int i = 0; i < texts.size(); i++) {
            BigDecimal number = number(texts.get(i));
            if (number == null) {
                context.problem(paths.get(i), NodeErrorCode.INVALID_SETTING, "\"" + texts.get(i) + "\" is not a number; "
                        + "column \"" + column.name() + "\" is " + column.type());
            } else if (number.precision() - number.scale() > MAX_DIGITS || number.scale() > MAX_DIGITS) {
                context.problem(paths.get(i), NodeErrorCode.INVALID_SETTING, texts.get(i) + " has more digits than "
                        + "a comparison with column \"" + column.name() + "\" (" + column.type() + ") can hold exactly: at most "
                        + MAX_DIGITS + " before or after the point");
            } else {
                numbers.add(number.scale() < 0 ? number.setScale(0) : number);
            }
        }
        String name = Sql.identifier(column.name());
        if (numbers.size() < texts.size()) {
            return new Operands(name, cast(texts, column.type())); // reported above; the plan is discarded
        }
        if (numbers.stream().allMatch(type::holds)) {
            return new Operands(name, numbers.stream().map(number -> literal(number, column.type())).toList());
        }
        int scale = type.scale();
        int integerDigits = type.integerDigits();
        int valueDigits = 0;
        for (BigDecimal number : numbers) {
            scale = Math.max(scale, number.scale());
            valueDigits = Math.max(valueDigits, number.precision() - number.scale());
        }
        if (valueDigits + scale > MAX_DIGITS) {
            context.problem(paths.getFirst(), NodeErrorCode.INVALID_SETTING, "no DECIMAL holds both column \"" + column.name()
                    + "\" (" + column.type() + ") and " + String.join(", ", texts) + " exactly: together they need more than "
                    + MAX_DIGITS + " digits");
            return new Operands(name, cast(texts, column.type()));
        }
        // A column wider than the room left (HUGEINT, or many digits after the point) fails the run on a value
        // that does not fit, rather than comparing a rounded one.
        integerDigits = Math.min(Math.max(integerDigits, valueDigits), MAX_DIGITS - scale);
        String common = "DECIMAL(" + Math.max(1, integerDigits + scale) + "," + scale + ")";
        return new Operands("CAST(" + name + " AS " + common + ")",
                numbers.stream().map(number -> literal(number, common)).toList());
    }

    /** The exact numeric type {@code type} names, or null for floating point and non-numeric types. */
    private static ExactType exactType(String type) {
        ExactType integer = INTEGERS.get(type);
        if (integer != null) {
            return integer;
        }
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return ExactType.decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        return null;
    }

    /** The number {@code text} writes, without trailing zeros after the point, or null. */
    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.strip()).stripTrailingZeros();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String literal(BigDecimal number, String type) {
        return "CAST(" + Sql.literal(number.toPlainString()) + " AS " + type + ")";
    }

    private static List<String> cast(List<String> values, String type) {
        return values.stream().map(value -> "CAST(" + Sql.literal(value) + " AS " + type + ")").toList();
    }
}
