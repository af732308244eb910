package io.flowfile.nodes.builtin.readcsv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the first record of a CSV file whose number of fields differs from the header's (or the
 * first record's), honouring quotes (a quoted field may hold delimiters and line breaks). Used to
 * name the line when DuckDB cannot read a file, since its sniffer names only the file.
 */
final class CsvRowCheck {

    /**
     * @param line     1-based line of the file where the record starts
     * @param fields   fields the record has
     * @param expected fields of the header (or first record)
     */
    record BadRow(long line, int fields, int expected) {}

    /** What is wrong at a line: a record with the wrong number of fields, or a quote never closed. */
    record Fault(long line, String message) {}

    private CsvRowCheck() {}

    /** The first record with the wrong number of fields, or the quote left open at the end of the file. */
    static Optional<Fault> firstFault(Path file, ReadCsvSettings settings) throws IOException {
        var unclosed = new long[] {0};
        Optional<BadRow> bad = scan(file, settings, unclosed);
        if (bad.isPresent()) {
            BadRow row = bad.get();
            return Optional.of(new Fault(row.line(), "line " + row.line() + " has " + row.fields() + " fields where the "
                    + (settings.header() ? "header has " : "first row has ") + row.expected()
                    + "; fix the row, or set ignore_errors: true to skip such rows"));
        }
        if (unclosed[0] > 0) {
            return Optional.of(new Fault(unclosed[0], "the quote (" + settings.quote() + ") opened on line " + unclosed[0]
                    + " is never closed; close it, or set quote to a character the file does not use"));
        }
        return Optional.empty();
    }

    /** The first bad row; {@code unclosed[0]} is set to the line of a quote open at the end of the file. */
    private static Optional<BadRow> scan(Path file, ReadCsvSettings settings, long[] unclosed) throws IOException {
        char delimiter = settings.delimiter().charAt(0);
        char quote = settings.quote().charAt(0);
        try (BufferedReader reader = Files.newBufferedReader(file, charset(settings.encoding()))) {
            long line = 1;
            for (int i = 0; i < settings.skipRows(); i++) {
                if (reader.readLine() == null) {
                    return Optional.empty();
                }
                line++;
            }
            int expected = -1;
            while (true) { // to the end, as the sniffer reads the whole file; this runs only after DuckDB failed
                long start = line;
                int fields = 1;
                boolean quoted = false;
                long quoteLine = 0;
                boolean any = false;
                int c;
                while ((c = reader.read()) != -1) {
                    any = true;
                    if (c == quote) {
                        quoted = !quoted; // a doubled quote toggles twice: still inside
                        quoteLine = quoted ? line : quoteLine;
                    } else if (c == delimiter && !quoted) {
                        fields++;
                    } else if (c == '\n') {
                        line++;
                        if (!quoted) {
                            break;
                        }
                    }
                }
                if (!any) {
                    return Optional.empty();
                }
                if (c == -1 && quoted) {
                    unclosed[0] = quoteLine;
                    return Optional.empty();
                }
                if (expected < 0) {
                    expected = fields;
                } else if (fields != expected) {
                    return Optional.of(new BadRow(start, fields, expected));
                }
                if (c == -1) {
                    return Optional.empty();
                }
            }
        }
    }

    private static Charset charset(ReadCsvSettings.Encoding encoding) {
        return switch (encoding) {
            case UTF8 -> StandardCharsets.UTF_8;
            case UTF16 -> StandardCharsets.UTF_16;
            case LATIN1 -> StandardCharsets.ISO_8859_1;
        };
    }
}
