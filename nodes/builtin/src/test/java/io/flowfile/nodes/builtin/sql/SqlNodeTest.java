package io.flowfile.nodes.builtin.sql;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.engine.testing.NodeHarness.Table;
import io.flowfile.node.InputPort;
import io.flowfile.node.NodeType;
import io.flowfile.node.Ports;
import io.flowfile.nodes.builtin.NodeContractTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlNodeTest extends NodeContractTest<SqlSettings> {

    private static final Table ORDERS = table("id INTEGER, customer_id INTEGER, amount DOUBLE",
            "(1, 10, 5.5)", "(2, 11, 3.0)", "(3, 10, 1.5)", "(4, 12, 2.0)");

    private static final Table CUSTOMERS = table("id INTEGER, name VARCHAR", "(10, 'ann')", "(11, 'bob')");

    @Override
    protected NodeType<SqlSettings> type() {
        return new SqlNode();
    }

    @Override
    protected List<Case<SqlSettings>> cases() {
        return List.of(
                Case.unordered("one input named main by default",
                        new SqlSettings(null, "SELECT id, amount * 2 AS doubled FROM main WHERE amount > 2"),
                        List.of(in("main", ORDERS)), List.of(row("1", "11.0"), row("2", "6.0"))),
                Case.unordered("a join of two named inputs",
                        new SqlSettings(List.of("orders", "customers"), """
                                SELECT c.name, sum(o.amount) AS total
                                FROM orders o JOIN customers c ON o.customer_id = c.id
                                GROUP BY c.name"""),
                        List.of(in("orders", ORDERS), in("customers", CUSTOMERS)),
                        List.of(row("ann", "7.0"), row("bob", "3.0"))),
                Case.unordered("a query with its own WITH clause and a closing semicolon",
                        new SqlSettings(null, "WITH big AS (SELECT * FROM main WHERE amount >= 3) SELECT count(*) AS n FROM big;\n"),
                        List.of(in("main", ORDERS)), List.of(row("2"))),
                Case.ordered("an ordered query ending in a comment",
                        new SqlSettings(List.of("t"), "SELECT id FROM t ORDER BY amount DESC -- largest first"),
                        List.of(in("t", ORDERS)), List.of(row("1"), row("2"), row("4"), row("3"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("an unknown column gives DuckDB's message", "{\"query\": \"SELECT height FROM main\"}",
                        List.of(in("main", ORDERS)), "query", "not found"),
                new BadSettings("an unknown column lists the existing ones", "{\"query\": \"SELECT height FROM main\"}",
                        List.of(in("main", ORDERS)), "query", "main (id, customer_id, amount)"),
                new BadSettings("a second statement", "{\"query\": \"SELECT 1; DROP TABLE main\"}",
                        List.of(in("main", ORDERS)), "query", "must be one SELECT query"),
                new BadSettings("an input name that is not a name", "{\"inputs\": [\"my-table\"], \"query\": \"SELECT 1\"}",
                        List.of(in("main", ORDERS)), "inputs[0]", "letters, digits and underscores"),
                new BadSettings("two inputs with the same name",
                        "{\"inputs\": [\"orders\", \"ORDERS\"], \"query\": \"SELECT 1\"}",
                        List.of(in("main", ORDERS)), "inputs[1]", "also the name of inputs[0]"),
                new BadSettings("no inputs", "{\"inputs\": [], \"query\": \"SELECT 1\"}", List.of(in("main", ORDERS)),
                        "inputs", "at least one"),
                new BadSettings("no query", "{\"query\": \" \"}", List.of(in("main", ORDERS)), "query", "is required"));
    }

    @Test
    void thePortsAreTheNamedInputs() {
        Ports ports = new SqlNode().ports(new SqlSettings(List.of("orders", "customers"), "SELECT 1"));

        assertThat(ports.inputs()).containsExactly(InputPort.one("orders"), InputPort.one("customers"));
        assertThat(ports.outputs()).containsExactly(Ports.MAIN);
    }

    @Test
    void theDefaultPortIsMain() {
        assertThat(new SqlNode().ports(new SqlSettings(null, "SELECT 1")))
                .isEqualTo(new SqlNode().descriptor().ports());
    }
}
