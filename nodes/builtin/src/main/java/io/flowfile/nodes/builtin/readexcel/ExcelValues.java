package io.flowfile.nodes.builtin.readexcel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.reader.Cell;

/**
 * Cell values as Java values ({@code null}, {@link String}, {@link BigDecimal}, {@link Boolean},
 * {@link LocalDate}, {@link LocalDateTime}) and their conversion to a column's {@link ExcelType}.
 */
final class ExcelValues {

    /** Excel's built-in number formats that show a date and no time of day. */
    private static final Set<Integer> BUILT_IN_DATE_FORMATS = Set.of(14, 15, 16, 17);

    /** Excel's built-in number formats that show a time of day. */
    private static final Set<Integer> BUILT_IN_TIME_FORMATS = Set.of(18, 19, 20, 21, 22, 45, 46, 47);

    /** Quoted text, escaped characters, padding and bracketed colours or locales in a number format. */
    private static final Pattern FORMAT_LITERALS = Pattern.compile("\"[^\"]*\"|\\\\.|_.|\\*.|\\[[^]]*]");

    private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final long MILLISECONDS_PER_DAY = 86_400_000L;

    private ExcelValues() {
    }

    /** The value of a cell; numbers shown as dates become dates, empty cells and empty text null. */
    static Object of(Cell cell, boolean date1904) {
        if (cell == null) {
            return null;
        }
        Object value = cell.getValue();
        return switch (value) {
            case null -> null;
            case String text -> text.isEmpty() ? null : text;
            case BigDecimal number -> date(number, dateKind(cell), date1904);
            default -> value;
        };
    }

    /** {@code value} as a value of {@code type}, or null when it does not convert. */
    static Object convert(Object value, ExcelType type, boolean date1904) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type) {
                case BIGINT -> toLong(value);
                case DOUBLE -> toDouble(value);
                case BOOLEAN -> toBoolean(value);
                case DATE -> toDate(value, date1904);
                case TIMESTAMP -> toTimestamp(value, date1904);
                case VARCHAR -> text(value);
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The value as DuckDB would print it. */
    static String text(Object value) {
        return switch (value) {
            case BigDecimal number -> number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
            case LocalDateTime timestamp -> timestampText(timestamp);
            default -> String.valueOf(value);
        };
    }

    static boolean isWholeLong(BigDecimal number) {
        try {
            number.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static Long toLong(Object value) {
        return switch (value) {
            case BigDecimal number -> number.longValueExact();
            case String text -> Long.parseLong(text.strip());
            default -> null;
        };
    }

    private static Double toDouble(Object value) {
        return switch (value) {
            case BigDecimal number -> number.doubleValue();
            case String text -> Double.parseDouble(text.strip());
            default -> null;
        };
    }

    private static Boolean toBoolean(Object value) {
        return switch (value) {
            case Boolean flag -> flag;
            case String text when text.strip().equalsIgnoreCase("true") -> true;
            case String text when text.strip().equalsIgnoreCase("false") -> false;
            default -> null;
        };
    }

    private static LocalDate toDate(Object value, boolean date1904) {
        return switch (value) {
            case LocalDate date -> date;
            case LocalDateTime timestamp -> timestamp.toLocalDate();
            case BigDecimal number -> serial(number, date1904).toLocalDate();
            case String text -> LocalDate.parse(text.strip());
            default -> null;
        };
    }

    private static LocalDateTime toTimestamp(Object value, boolean date1904) {
        return switch (value) {
            case LocalDate date -> date.atStartOfDay();
            case LocalDateTime timestamp -> timestamp;
            case BigDecimal number -> serial(number, date1904);
            case String text -> LocalDateTime.parse(text.strip().replace(' ', 'T'));
            default -> null;
        };
    }

    private enum DateKind { NONE, DATE, TIMESTAMP }

    private static DateKind dateKind(Cell cell) {
        Integer id = cell.getDataFormatId();
        if (id != null && BUILT_IN_DATE_FORMATS.contains(id)) {
            return DateKind.DATE;
        }
        if (id != null && BUILT_IN_TIME_FORMATS.contains(id)) {
            return DateKind.TIMESTAMP;
        }
        String format = cell.getDataFormatString();
        if (format == null) {
            return DateKind.NONE;
        }
        String shown = FORMAT_LITERALS.matcher(format.split(";", -1)[0]).replaceAll("").toLowerCase(Locale.ROOT);
        boolean time = shown.contains("h") || shown.contains("s") || shown.contains("am/pm") || shown.contains("a/p");
        if (time) {
            return DateKind.TIMESTAMP;
        }
        return shown.contains("y") || shown.contains("d") || shown.contains("m") ? DateKind.DATE : DateKind.NONE;
    }

    /**
     * A number as shown: itself when its format shows no date, a date when it is a whole day shown
     * without time, else a timestamp.
     */
    private static Object date(BigDecimal number, DateKind kind, boolean date1904) {
        if (kind == DateKind.NONE) {
            return number;
        }
        LocalDateTime timestamp = serial(number, date1904);
        boolean wholeDay = timestamp.toLocalTime().equals(LocalTime.MIDNIGHT);
        return kind == DateKind.DATE && wholeDay ? timestamp.toLocalDate() : timestamp;
    }

    /**
     * An Excel serial date: days since 1899-12-30 (in the 1900 system, which counts a 29 February
     * 1900 that never was, so serials before 61 are one day later) or since 1904-01-01, with the
     * time of day as the fraction, rounded to the millisecond.
     */
    static LocalDateTime serial(BigDecimal number, boolean date1904) {
        BigDecimal days = number.setScale(0, RoundingMode.FLOOR);
        long milliseconds = number.subtract(days).multiply(BigDecimal.valueOf(MILLISECONDS_PER_DAY))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        long wholeDays = days.longValueExact();
        LocalDate epoch;
        if (date1904) {
            epoch = LocalDate.of(1904, 1, 1);
        } else {
            epoch = wholeDays < 61 ? LocalDate.of(1899, 12, 31) : LocalDate.of(1899, 12, 30);
        }
        return epoch.plusDays(wholeDays).atStartOfDay().plusNanos(milliseconds * 1_000_000);
    }

    private static String timestampText(LocalDateTime timestamp) {
        String text = TIMESTAMP_TEXT.format(timestamp);
        int nanos = timestamp.getNano();
        if (nanos == 0) {
            return text;
        }
        String fraction = String.format(Locale.ROOT, "%06d", nanos / 1000).replaceAll("0+$", "");
        return text + "." + fraction;
    }
}
