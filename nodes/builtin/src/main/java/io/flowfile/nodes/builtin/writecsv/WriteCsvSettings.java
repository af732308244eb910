package io.flowfile.nodes.builtin.writecsv;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.FilePath;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.WriteMode;

/**
 * @param path      the file to write, relative to the flow's directory or absolute
 * @param mode      what to do when the file exists (default overwrite)
 * @param delimiter the character between fields (default {@code ,})
 * @param header    whether the first line names the columns (default true)
 * @param quote     the character around fields that contain the delimiter, the quote or a line
 *                  break (default {@code "})
 */
public record WriteCsvSettings(
        @JsonPropertyDescription("The file to write, relative to the flow's directory or absolute.") @FilePath(write = true) String path,
        @JsonPropertyDescription("What to do when the file exists: overwrite (default) or fail_if_exists.") WriteMode mode,
        @JsonPropertyDescription("The character between fields; default a comma.") String delimiter,
        @JsonPropertyDescription("Whether the first line holds the column names; default true.") Boolean header,
        @JsonPropertyDescription("The character that quotes fields containing the delimiter, a quote or a line break; "
                + "default a double quote.") String quote) {

    public WriteCsvSettings {
        mode = mode == null ? WriteMode.OVERWRITE : mode;
        delimiter = delimiter == null ? "," : delimiter;
        header = header == null || header;
        quote = quote == null ? "\"" : quote;
        new SettingsCheck()
                .notBlank("path", path)
                .require(delimiter.length() == 1, "delimiter", "must be one character, got '" + delimiter + "'")
                .require(quote.length() == 1, "quote", "must be one character, got '" + quote + "'")
                .require(!quote.equals(delimiter), "quote", "must differ from the delimiter")
                .done();
    }
}
