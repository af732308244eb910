package io.flowfile.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void anEmptyRelationCastsNullToEachColumnsTypeAndQuotesItsName() {
        Schema schema = Schema.of(new Column("id", "BIGINT"), new Column("say \"hi\"", "DECIMAL(18,3)"));

        assertThat(Sql.emptyRelation(schema))
                .isEqualTo("SELECT CAST(NULL AS BIGINT) AS \"id\", CAST(NULL AS DECIMAL(18,3)) AS \"say \"\"hi\"\"\" LIMIT 0");
    }

    @Test
    void anEmptyRelationOfNoColumnsStillParses() {
        assertThat(Sql.emptyRelation(Schema.of())).isEqualTo("SELECT 1 WHERE false");
    }
}
