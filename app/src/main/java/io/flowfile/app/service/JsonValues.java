package io.flowfile.app.service;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values read from DuckDB as JSON that keeps their types: numbers stay numbers (a HUGEINT past the
 * 64-bit range, NaN and infinities become strings), decimals are strings (exact), dates and times
 * ISO-8601, blobs base64, lists arrays, structs and maps objects, null null.
 */
public final class JsonValues {

    private JsonValues() {
    }

    public static Object of(Object value) {
        return switch (value) {
            case null -> null;
            case Boolean bool -> bool;
            case Byte number -> number;
            case Short number -> number;
            case Integer number -> number;
            case Long number -> number;
            case Float number -> Float.isFinite(number) ? number : number.toString();
            case Double number -> Double.isFinite(number) ? number : number.toString();
            case BigInteger number -> number.bitLength() < 64 ? number.longValue() : number.toString();
            case BigDecimal number -> number.toPlainString();
            case String text -> text;
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime().toString();
            case java.sql.Date date -> date.toLocalDate().toString();
            case java.sql.Time time -> time.toLocalTime().toString();
            case TemporalAccessor temporal -> temporal.toString();
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case java.sql.Array array -> array(array);
            case java.sql.Struct struct -> struct(struct);
            case Map<?, ?> map -> map(map);
            case Collection<?> list -> list.stream().map(JsonValues::of).toList();
            case Object[] items -> java.util.Arrays.stream(items).map(JsonValues::of).toList();
            default -> value.toString();
        };
    }

    private static List<Object> array(java.sql.Array array) {
        try {
            Object items = array.getArray();
            var values = new ArrayList<>();
            if (items instanceof Object[] objects) {
                for (Object item : objects) {
                    values.add(of(item));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a list value: " + e.getMessage(), e);
        }
    }

    private static Object struct(java.sql.Struct struct) {
        try {
            if (struct instanceof org.duckdb.DuckDBStruct duckStruct) {
                return map(duckStruct.getMap());
            }
            return of(struct.getAttributes());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a struct value: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> map(Map<?, ?> map) {
        var values = new LinkedHashMap<String, Object>();
        map.forEach((key, item) -> values.put(String.valueOf(key), of(item)));
        return values;
    }
}
