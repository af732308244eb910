package io.flowfile.nodes.builtin.readexcel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a sheet area as inferred from all its cells: names from the header row (or
 * column_1, column_2, ...) and the narrowest type that holds every value of a column.
 *
 * @param sheet the sheet's name
 * @param names column names, unique without regard to case
 * @param types inferred types, VARCHAR for a column without values
 */
record SheetLayout(String sheet, List<String> names, List<ExcelType> types) {

    private static final int CACHED_LAYOUTS = 32;

    /** Layouts by file state and the settings that shape them, least recently used first. */
    private static final Map<Key, SheetLayout> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, SheetLayout> eldest) {
                    return size() > CACHED_LAYOUTS;
                }
            });

    private record Key(Path file, long size, long modified, String sheet, int headerRow, SheetArea area) {
    }

    SheetLayout {
        names = List.copyOf(names);
        types = List.copyOf(types);
    }

    /** The layout of the settings' area, read from the file unless the file is unchanged since the last read. */
    static SheetLayout of(Path file, ReadExcelSettings settings) throws Exception {
        var key = new Key(file, Files.size(file), Files.getLastModifiedTime(file).toMillis(), settings.sheet(),
                settings.headerRow(), settings.area());
        SheetLayout cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        SheetLayout layout = infer(new SheetReader(file, settings.sheet(), settings.area(), settings.headerRow()), settings.area());
        CACHE.put(key, layout);
        return layout;
    }

    int width() {
        return names.size();
    }

    private static SheetLayout infer(SheetReader reader, SheetArea area) throws Exception {
        var inference = new Inference();
        reader.read(inference);
        int width = area.bounded() ? area.lastColumn() - area.firstColumn() + 1 : inference.lastValue + 1;
        var names = new ArrayList<String>();
        var types = new ArrayList<ExcelType>();
        var taken = new HashSet<String>();
        for (int i = 0; i < width; i++) {
            Object header = inference.header == null ? null : inference.header.value(i);
            String name = header == null ? "" : ExcelValues.text(header).strip();
            names.add(unique(name.isEmpty() ? "column_" + (i + 1) : name, taken));
            ExcelType type = i < inference.types.size() ? inference.types.get(i) : null;
            types.add(type == null ? ExcelType.VARCHAR : type);
        }
        return new SheetLayout(inference.sheet, names, types);
    }

    /** {@code name}, or {@code name_1}, {@code name_2}, ... when it is taken, as DuckDB's CSV reader does. */
    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int suffix = 1; !taken.add(candidate.toLowerCase(Locale.ROOT)); suffix++) {
            candidate = name + "_" + suffix;
        }
        return candidate;
    }

    /** Collects the header, the merged type of every column and the last column with a value. */
    private static final class Inference implements SheetReader.Visitor {
        private String sheet;
        private SheetReader.SheetRow header;
        private final List<ExcelType> types = new ArrayList<>();
        private int lastValue = -1;

        @Override
        public void sheet(String name) {
            sheet = name;
        }

        @Override
        public void header(SheetReader.SheetRow row) {
            header = row;
            lastValue = Math.max(lastValue, lastValue(row));
        }

        @Override
        public void data(SheetReader.SheetRow row) {
            for (int i = 0; i < row.values().size(); i++) {
                ExcelType type = ExcelType.of(row.values().get(i));
                if (i == types.size()) {
                    types.add(type);
                } else {
                    types.set(i, ExcelType.merge(types.get(i), type));
                }
            }
            lastValue = Math.max(lastValue, lastValue(row));
        }

        private static int lastValue(SheetReader.SheetRow row) {
            for (int i = row.values().size() - 1; i >= 0; i--) {
                if (row.values().get(i) != null) {
                    return i;
                }
            }
            return -1;
        }
    }
}
