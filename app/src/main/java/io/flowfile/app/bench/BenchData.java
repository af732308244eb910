package io.flowfile.app.bench;

import io.flowfile.node.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Deterministic benchmark data: {@code orders} and {@code customers} as Parquet, derived from
 * DuckDB's {@code hash()} of the row number, so every machine gets the same rows.
 */
final class BenchData {

    private BenchData() {
    }

    static void generate(Connection connection, Path directory, long orders, long customers) throws Exception {
        Files.createDirectories(directory);
        Path ordersFile = directory.resolve("orders.parquet");
        Path customersFile = directory.resolve("customers.parquet");
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range AS order_id,"
                    + " CAST(hash(range) % " + customers + " AS BIGINT) AS customer_id,"
                    + " ['placed', 'shipped', 'delivered', 'returned', 'cancelled'][CAST(1 + hash(range * 7) % 5 AS INTEGER)] AS status,"
                    + " CAST(hash(range * 13) % 100000 AS DOUBLE) / 100 AS amount,"
                    + " CAST(hash(range * 17) % 30 AS DOUBLE) / 100 AS discount,"
                    + " DATE '2024-01-01' + CAST(hash(range * 19) % 365 AS INTEGER) AS order_date"
                    + " FROM range(" + orders + ")) TO " + Sql.literal(ordersFile) + " (FORMAT parquet, COMPRESSION zstd)");
            statement.execute("COPY (SELECT range AS customer_id,"
                    + " 'country_' || CAST(hash(range * 3) % 20 AS VARCHAR) AS country,"
                    + " ['consumer', 'corporate', 'home_office', 'small_business'][CAST(1 + hash(range * 5) % 4 AS INTEGER)] AS segment,"
                    + " 'customer ' || range AS name"
                    + " FROM range(" + customers + ")) TO " + Sql.literal(customersFile) + " (FORMAT parquet, COMPRESSION zstd)");
        }
    }
}
