package io.flowfile.nodes.builtin.readexcel;

import io.flowfile.node.Column;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.TablePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Schema;
import io.flowfile.node.TableLoader;
import io.flowfile.nodes.builtin.files.InputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a sheet of an .xlsx workbook in the JVM with fastexcel. Planning reads the whole area once
 * to infer the column types (the result is cached while the file is unchanged); loading reads it
 * again and appends the rows.
 */
public final class ReadExcelNode implements NodeType<ReadExcelSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.source("read_excel", "Read Excel",
            "Reads a sheet of an .xlsx workbook; column types are inferred from the cells unless they are given. "
                    + "Empty cells and cells holding empty text are null.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ReadExcelSettings> settingsType() {
        return ReadExcelSettings.class;
    }

    @Override
    public NodePlan plan(ReadExcelSettings settings, PlanContext context) {
        Path file = InputFiles.single(context, "path", settings.path());
        if (context.hasProblems()) {
            return discarded(file);
        }
        SheetLayout layout;
        try {
            layout = SheetLayout.of(file, settings);
        } catch (NodeException e) {
            String settingPath = e.code() == NodeErrorCode.INVALID_SETTING ? "sheet" : "path";
            context.problem(settingPath, e.code(), e.getMessage());
            return discarded(file);
        } catch (Exception e) {
            context.problem("path", NodeErrorCode.READ_FAILED, "cannot read " + file + " as an .xlsx workbook: " + e.getMessage());
            return discarded(file);
        }
        if (layout.width() == 0) {
            context.problem(settings.range() == null ? "sheet" : "range", NodeErrorCode.BAD_DATA, "sheet '" + layout.sheet()
                    + "' of " + file + " has no cells" + (settings.range() == null ? "" : " in " + settings.range()));
            return discarded(file);
        }
        List<ExcelType> types = types(settings, layout, file, context);
        var columns = new ArrayList<Column>();
        for (int i = 0; i < layout.width(); i++) {
            columns.add(new Column(layout.names().get(i), types.get(i).name()));
        }
        return new TablePlan(new Schema(columns), new SheetLoader(file, settings, layout.sheet(), types), List.of(file));
    }

    /** The inferred types with the settings' column types in their place. */
    private static List<ExcelType> types(ReadExcelSettings settings, SheetLayout layout, Path file, PlanContext context) {
        var types = new ArrayList<>(layout.types());
        List<String> lowerCaseNames = layout.names().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        for (int i = 0; i < settings.columnTypes().size(); i++) {
            ReadExcelSettings.ColumnType columnType = settings.columnTypes().get(i);
            int index = lowerCaseNames.indexOf(columnType.column().toLowerCase(Locale.ROOT));
            if (index < 0) {
                context.problem("column_types[" + i + "].column", NodeErrorCode.UNKNOWN_COLUMN, "column \""
                        + columnType.column() + "\" does not exist in sheet '" + layout.sheet() + "' of " + file
                        + "; its columns are: " + String.join(", ", layout.names()));
            } else {
                types.set(index, columnType.type());
            }
        }
        return types;
    }

    /** A plan for a node with problems, which the engine discards: no columns, no rows. */
    private static TablePlan discarded(Path file) {
        return new TablePlan(new Schema(List.of()), writer -> { }, List.of(file));
    }

    /** Appends the area's data rows, each value converted to its column's type. */
    private record SheetLoader(Path file, ReadExcelSettings settings, String sheet, List<ExcelType> types)
            implements TableLoader {

        @Override
        public void load(RowWriter writer) throws Exception {
            new SheetReader(file, settings.sheet(), settings.area(), settings.headerRow()).read(new SheetReader.Visitor() {
                @Override
                public void sheet(String name) {
                }

                @Override
                public void header(SheetReader.SheetRow row) {
                }

                @Override
                public void data(SheetReader.SheetRow row) throws Exception {
                    writer.row(convert(row));
                }
            });
        }

        private Object[] convert(SheetReader.SheetRow row) {
            var values = new Object[types.size()];
            for (int i = 0; i < values.length; i++) {
                Object value = row.value(i);
                values[i] = ExcelValues.convert(value, types.get(i), row.date1904());
                if (value != null && values[i] == null) {
                    throw new NodeException(NodeErrorCode.BAD_DATA, "cannot read " + file + ", sheet '" + sheet + "', cell "
                            + row.reference(i) + ": value '" + ExcelValues.text(value) + "' is not a " + types.get(i));
                }
            }
            return values;
        }
    }
}
