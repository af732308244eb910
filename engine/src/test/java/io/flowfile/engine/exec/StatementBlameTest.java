package io.flowfile.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementBlameTest {

    private static final String SQL = """
            COPY (WITH "src" AS (SELECT * FROM read_csv('data.csv')),
                 "conv" AS (SELECT *, (CAST(v AS INTEGER)
            ) AS "n" FROM "src"),
                 "keep" AS (SELECT * FROM "conv" WHERE (note <> '"conv" AS (' AND CAST(v AS INTEGER) > 0
            )),
                 "sorted" AS (SELECT * FROM "keep" ORDER BY "id" ASC NULLS LAST)
            SELECT * FROM "sorted")
            TO 'out.csv' (FORMAT csv)""";

    private static final List<String> NODES = List.of("out", "src", "conv", "keep", "sorted");

    @Test
    void theNodeIsTheExpressionTheCaretsPointInto() {
        String message = """
                Conversion Error: Could not convert string 'abc' to INT32 when casting from source column v

                LINE 2:      "conv" AS (SELECT *, (CAST(v AS INTEGER)
                                                   ^""";
        assertThat(StatementBlame.nodeAt(SQL, message, NODES)).isEqualTo("conv");
    }

    @Test
    void aHeaderInsideALiteralIsNotANode() {
        String message = """
                Conversion Error: Could not convert string 'abc' to INT32

                LINE 4: ...(note <> '"conv" AS (' AND CAST(v AS INTEGER) > 0
                                                      ^""";
        assertThat(StatementBlame.nodeAt(SQL, message, NODES)).isEqualTo("keep");
    }

    @Test
    void withoutALineOrOutsideEveryNodeNoneIsBlamed() {
        assertThat(StatementBlame.nodeAt(SQL, "Out of Memory Error: could not allocate", NODES)).isNull();
        assertThat(StatementBlame.nodeAt(SQL, "Binder Error: x\n\nLINE 7:     SELECT * FROM \"sorted\")\n        ^", NODES))
                .isNull();
    }
}
