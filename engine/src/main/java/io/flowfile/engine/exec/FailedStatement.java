package io.flowfile.engine.exec;

import java.sql.SQLException;

/** DuckDB's error for a statement the engine ran, with the statement, so the failing node can be found in it. */
final class FailedStatement extends SQLException {

    private final transient String sql;

    FailedStatement(String sql, SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.sql = sql;
    }

    String sql() {
        return sql;
    }
}
