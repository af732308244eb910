package io.flowfile.nodes.builtin.readexcel;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a sheet a node reads.
 *
 * @param firstRow    first row number, 1-based
 * @param lastRow     last row number, inclusive
 * @param firstColumn first column index, 0-based (A is 0)
 * @param lastColumn  last column index, inclusive, or -1 for as far as there are cells
 */
record SheetArea(int firstRow, int lastRow, int firstColumn, int lastColumn) {

    /** An A1-style range such as {@code B2:D100}. */
    static final Pattern RANGE = Pattern.compile("([A-Za-z]{1,3})([1-9][0-9]{0,6}):([A-Za-z]{1,3})([1-9][0-9]{0,6})");

    static final SheetArea WHOLE_SHEET = new SheetArea(1, Integer.MAX_VALUE, 0, -1);

    /** The area of {@code range}, or the whole sheet when it is null; {@link #problem} says whether it is valid. */
    static SheetArea of(String range) {
        if (range == null) {
            return WHOLE_SHEET;
        }
        Matcher matcher = RANGE.matcher(range);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an A1-style range: " + range);
        }
        return new SheetArea(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(4)),
                columnIndex(matcher.group(1)), columnIndex(matcher.group(3)));
    }

    /** What is wrong with {@code range}, or null when it names a non-empty area. */
    static String problem(String range) {
        if (range == null) {
            return null;
        }
        if (!RANGE.matcher(range).matches()) {
            return "'" + range + "' is not a range such as B2:D100 (top-left cell, colon, bottom-right cell)";
        }
        SheetArea area = of(range);
        if (area.lastRow < area.firstRow || area.lastColumn < area.firstColumn) {
            return "'" + range + "' ends before it starts; write the top-left cell first, e.g. B2:D100";
        }
        return null;
    }

    boolean containsRow(int row) {
        return row >= firstRow && row <= lastRow;
    }

    boolean bounded() {
        return lastColumn >= 0;
    }

    /** A, B, ..., Z, AA, ... as 0, 1, ..., 25, 26, ... */
    static int columnIndex(String letters) {
        int index = 0;
        for (char letter : letters.toUpperCase(Locale.ROOT).toCharArray()) {
            index = index * 26 + (letter - 'A' + 1);
        }
        return index - 1;
    }
}
