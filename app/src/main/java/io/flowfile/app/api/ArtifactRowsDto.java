package io.flowfile.app.api;

import io.flowfile.app.api.Dtos.ColumnDto;
import java.util.List;

/**
 * The first rows of a global artifact that is a table (a DataFrame stored as Parquet).
 *
 * @param columns   every column with its DuckDB type
 * @param rows      the first rows, each value as JSON keeps it (see JsonValues)
 * @param totalRows how many rows the artifact has
 * @param limit     how many rows were asked for
 */
public record ArtifactRowsDto(List<ColumnDto> columns, List<List<Object>> rows, long totalRows, int limit) {
}
