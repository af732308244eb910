package io.flowfile.app.cli;

import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.plan.ExecutionMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while the command line is parsed, so a value out of range or of the wrong
 * kind is refused naming the option (exit code 2) before anything starts.
 */
final class Converters {

    private Converters() {
    }

    private static int wholeNumber(String text, long min, long max, String what) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number; " + what + " is from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw new TypeConversionException(text + " is out of range; " + what + " is from " + min + " to " + max);
        }
        return (int) value;
    }

    /** {@code --threads}: DuckDB worker threads. */
    static final class Threads implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return wholeNumber(text, 1, 4096, "the number of DuckDB threads");
        }
    }

    /** {@code --parallelism}: stages run at once (the engine takes 1 to 64). */
    static final class Parallelism implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return wholeNumber(text, 1, 64, "the number of stages run at once");
        }
    }

    /** {@code --rows}: rows a preview prints. */
    static final class Rows implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return wholeNumber(text, 0, 1_000_000, "the number of rows");
        }
    }

    /** {@code --memory-limit}: a size DuckDB understands, e.g. {@code 512MB}, {@code 1.5GB}, {@code 8GiB}. */
    static final class MemoryLimit implements ITypeConverter<String> {
        private static final Pattern SIZE = Pattern.compile("(\\d+(\\.\\d+)?)\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)");

        @Override
        public String convert(String text) {
            var matcher = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
            if (!matcher.matches() || Double.parseDouble(matcher.group(1)) <= 0) {
                throw new TypeConversionException("'" + text + "' is not a memory size such as 512MB, 1.5GB or 8GiB");
            }
            return text.strip();
        }
    }

    /** {@code --mode}: performance or development. */
    static final class Mode implements ITypeConverter<ExecutionMode> {
        @Override
        public ExecutionMode convert(String text) {
            try {
                return ExecutionMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a mode; the modes are performance and development");
            }
        }
    }

    /** {@code --to}: json or yaml. */
    static final class Format implements ITypeConverter<FlowFormat> {
        @Override
        public FlowFormat convert(String text) {
            try {
                return FlowFormat.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a flow format; the formats are json and yaml");
            }
        }
    }

    /** {@code --data-dir}: a directory, or a path where one can be made; never an existing file. */
    static final class DataDirectory implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            Path path = Path.of(text);
            if (Files.exists(path) && !Files.isDirectory(path)) {
                throw new TypeConversionException(text + " is a file; the data directory must be a directory (it is made when missing)");
            }
            return path;
        }
    }
}
