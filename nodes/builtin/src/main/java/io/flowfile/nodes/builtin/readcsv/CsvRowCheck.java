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

    private CsvRowCheck() {}

    static Optional<BadRow> firstBadRow(Path file, ReadCsvSettings settings) throws IOException {
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
                boolean any = false;
                int c;
                while ((c = reader.read()) != -1) {
                    any = true;
                    if (c == quote) {
                        quoted = !quoted; // a doubled quote toggles twice: still inside
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
