package io.flowfile.nodes.builtin.readparquet;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level column names of a Parquet file, as the file spells them, read from its footer: the
 * schema list of the Thrift {@code FileMetaData}, in Thrift's compact protocol. DuckDB reports
 * names that differ only in case under new names ({@code Name} becomes {@code Name_1}), so the
 * reader looks at the file itself to find such names.
 */
final class ParquetFooter {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** A longer footer is taken for a damaged file (DuckDB then says what is wrong). */
    private static final int MAX_FOOTER = 256 * 1024 * 1024;

    private static final int STOP = 0;
    private static final int BOOLEAN_TRUE = 1;
    private static final int BOOLEAN_FALSE = 2;
    private static final int BYTE = 3;
    private static final int I16 = 4;
    private static final int I32 = 5;
    private static final int I64 = 6;
    private static final int DOUBLE = 7;
    private static final int BINARY = 8;
    private static final int LIST = 9;
    private static final int SET = 10;
    private static final int MAP = 11;
    private static final int STRUCT = 12;

    /** A {@code SchemaElement}: its name and how many elements below it are its children. */
    private record Element(String name, int children) {
    }

    private final ByteBuffer buffer;

    private ParquetFooter(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * The names of the file's top-level columns in file order.
     *
     * @throws IOException when the file cannot be read or its footer is not a plain (unencrypted)
     *                     Parquet footer
     */
    static List<String> columnNames(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 12) {
                throw new IOException("too short for a Parquet file");
            }
            ByteBuffer tail = read(channel, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
            int length = tail.getInt();
            byte[] magic = new byte[4];
            tail.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || length <= 0 || length > MAX_FOOTER || length > size - 12) {
                throw new IOException("no plain Parquet footer");
            }
            return new ParquetFooter(read(channel, size - 8 - length, length)).topLevelNames();
        } catch (BufferUnderflowException | IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
            throw new IOException("malformed Parquet footer", e);
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    /** Reads {@code FileMetaData} up to its field 2, the schema, and keeps the root's children. */
    private List<String> topLevelNames() throws IOException {
        List<Element> schema = null;
        short field = 0;
        while (schema == null) {
            int header = buffer.get() & 0xFF;
            int type = header & 0x0F;
            if (type == STOP) {
                throw new IOException("FileMetaData without a schema");
            }
            field = fieldId(header, field);
            if (field == 2 && type == LIST) {
                schema = elements();
            } else {
                skip(type);
            }
        }
        if (schema.isEmpty()) {
            throw new IOException("empty schema");
        }
        var names = new ArrayList<String>();
        int index = 1;
        for (int child = 0; child < schema.getFirst().children(); child++) {
            names.add(schema.get(index).name());
            index = afterSubtree(schema, index);
        }
        return names;
    }

    /** The index of the first element after the element at {@code index} and its descendants. */
    private static int afterSubtree(List<Element> schema, int index) {
        int next = index + 1;
        for (int child = 0; child < schema.get(index).children(); child++) {
            next = afterSubtree(schema, next);
        }
        return next;
    }

    private List<Element> elements() throws IOException {
        int header = buffer.get() & 0xFF;
        int count = listSize(header);
        if ((header & 0x0F) != STRUCT) {
            throw new IOException("schema is not a list of structs");
        }
        var elements = new ArrayList<Element>(Math.min(count, 4096));
        for (int i = 0; i < count; i++) {
            elements.add(element());
        }
        return elements;
    }

    /** A {@code SchemaElement}: field 4 is its name, field 5 its number of children. */
    private Element element() throws IOException {
        String name = null;
        int children = 0;
        short field = 0;
        while (true) {
            int header = buffer.get() & 0xFF;
            int type = header & 0x0F;
            if (type == STOP) {
                if (name == null) {
                    throw new IOException("schema element without a name");
                }
                return new Element(name, children);
            }
            field = fieldId(header, field);
            if (field == 4 && type == BINARY) {
                byte[] bytes = new byte[Math.toIntExact(varint())];
                buffer.get(bytes);
                name = new String(bytes, StandardCharsets.UTF_8);
            } else if (field == 5 && type == I32) {
                children = (int) zigzag(varint());
            } else {
                skip(type);
            }
        }
    }

    private short fieldId(int header, short previous) throws IOException {
        int delta = header >>> 4;
        return delta == 0 ? (short) zigzag(varint()) : (short) (previous + delta);
    }

    private int listSize(int header) throws IOException {
        int size = header >>> 4;
        return size == 15 ? Math.toIntExact(varint()) : size;
    }

    private void skip(int type) throws IOException {
        switch (type) {
            case BOOLEAN_TRUE, BOOLEAN_FALSE -> { }
            case BYTE -> buffer.get();
            case I16, I32, I64 -> varint();
            case DOUBLE -> buffer.position(buffer.position() + 8);
            case BINARY -> buffer.position(buffer.position() + Math.toIntExact(varint()));
            case LIST, SET -> {
                int header = buffer.get() & 0xFF;
                int size = listSize(header);
                for (int i = 0; i < size; i++) {
                    skipElement(header & 0x0F);
                }
            }
            case MAP -> {
                int size = Math.toIntExact(varint());
                if (size > 0) {
                    int types = buffer.get() & 0xFF;
                    for (int i = 0; i < size; i++) {
                        skipElement(types >>> 4);
                        skipElement(types & 0x0F);
                    }
                }
            }
            case STRUCT -> {
                short field = 0;
                int header;
                while ((header = buffer.get() & 0xFF) != STOP) {
                    field = fieldId(header, field);
                    skip(header & 0x0F);
                }
            }
            default -> throw new IOException("unknown Thrift type " + type);
        }
    }

    /** In a list, set or map a boolean is one byte, not part of a field header. */
    private void skipElement(int type) throws IOException {
        if (type == BOOLEAN_TRUE || type == BOOLEAN_FALSE) {
            buffer.get();
        } else {
            skip(type);
        }
    }

    private long varint() throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = buffer.get() & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("malformed varint");
    }

    private static long zigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
