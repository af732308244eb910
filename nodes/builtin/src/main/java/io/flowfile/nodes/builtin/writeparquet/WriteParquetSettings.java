package io.flowfile.nodes.builtin.writeparquet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.FilePath;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.WriteMode;

/**
 * @param path         the file to write, relative to the flow's directory or absolute
 * @param mode         what to do when the file exists (default overwrite)
 * @param compression  the codec for the column chunks (default zstd)
 * @param rowGroupSize rows per row group; default DuckDB's
 */
public record WriteParquetSettings(
        @JsonPropertyDescription("The file to write, relative to the flow's directory or absolute. Columns keep their "
                + "types; a 128-bit integer column (HUGEINT, e.g. an integer sum), which Parquet cannot hold, is written as "
                + "BIGINT when every value fits, else as DECIMAL(38,0).") @FilePath(write = true) String path,
        @JsonPropertyDescription("What to do when the file exists: overwrite (default) or fail_if_exists.") WriteMode mode,
        @JsonPropertyDescription("How the data is compressed: zstd (default), snappy, gzip or uncompressed.") Compression compression,
        @JsonProperty("row_group_size")
        @JsonPropertyDescription("Rows per row group; by default DuckDB's (122880).") Integer rowGroupSize) {

    public WriteParquetSettings {
        mode = mode == null ? WriteMode.OVERWRITE : mode;
        compression = compression == null ? Compression.ZSTD : compression;
        new SettingsCheck()
                .notBlank("path", path)
                .range("row_group_size", rowGroupSize, 1, Integer.MAX_VALUE)
                .done();
    }

    /** Parquet codecs DuckDB writes; the lower-case names are DuckDB's. */
    public enum Compression { ZSTD, SNAPPY, GZIP, UNCOMPRESSED }
}
