package io.flowfile.node;

import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Tells why bytes are not UTF-8 text, in words a person can act on: compressed, an archive,
 * UTF-16, binary, or a byte that is not UTF-8 (with its line and column).
 */
public final class TextEncoding {

    private TextEncoding() {
    }

    /**
     * What keeps the first {@code length} bytes from being UTF-8 text, as a phrase that follows the
     * file's name ("is gzip-compressed"), or null when they are UTF-8 (a UTF-8 byte-order mark is
     * fine). A multi-byte character cut at {@code length} is not a fault.
     */
    public static String problem(byte[] bytes, int length) {
        int n = Math.min(length, bytes.length);
        if (n >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            return "is gzip-compressed, not text: decompress it first";
        }
        if (n >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return "is a zip archive, not a text file";
        }
        if (n >= 2 && ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe || (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff)) {
            return "is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8";
        }
        int nuls = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                nuls++;
            }
        }
        if (nuls > 0) {
            return nuls * 3 >= n && n >= 4 ? "looks like UTF-16 text without a byte-order mark (every other byte is NUL), not UTF-8"
                    : "is not a text file: it holds NUL bytes (binary data)";
        }
        return invalidUtf8(bytes, n);
    }

    private static String invalidUtf8(byte[] bytes, int n) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, n);
        var out = java.nio.CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                if (result.isMalformed() && in.position() + result.length() >= n && n < bytes.length) {
                    return null; // a character cut by the end of what was looked at
                }
                return at(bytes, in.position());
            }
            if (result.isUnderflow()) {
                return null;
            }
            out.clear();
        }
    }

    private static String at(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        int column = before.codePointCount(0, before.length()) + 1;
        return String.format(Locale.ROOT, "is not UTF-8: the byte 0x%02X on line %d, column %d is not valid UTF-8 "
                + "(Latin-1 or Windows-1252 text?)", bytes[offset] & 0xff, line, column);
    }
}
