package io.flowfile.catalog.nodetype;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.assertInvalidArguments;
import static io.flowfile.catalog.testing.CatalogAssertions.inParallel;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.NodeTypeVersionRecord;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** NodeTypeCatalog against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class NodeTypeCatalogContract {

    @Inject
    NodeTypeCatalog nodeTypes;

    private static String name() {
        return "type_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
    }

    @Test
    void versionsAreNumberedKeptAndPublished() {
        String name = name();
        NodeTypeVersionRecord first = nodeTypes.save(name, version -> "version: " + version + "\n", "ann");
        NodeTypeVersionRecord second = nodeTypes.save(name, version -> "version: " + version + "\nchanged: true\n", "bob");
        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.document()).isEqualTo("version: 2\nchanged: true\n");
        assertThat(first.published()).isFalse();

        NodeTypeVersionRecord published = nodeTypes.publish(name, 1, "ann");
        assertThat(published.publishedBy()).isEqualTo("ann");
        assertThat(nodeTypes.publish(name, 1, "bob").publishedAt()).isEqualTo(published.publishedAt());
        assertThat(nodeTypes.versions(name)).extracting(NodeTypeVersionRecord::version, NodeTypeVersionRecord::published)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true), org.assertj.core.groups.Tuple.tuple(2, false));
        assertThat(nodeTypes.get(name, 2).contentSha256()).hasSize(64).isNotEqualTo(first.contentSha256());
        assertThat(nodeTypes.all()).extracting(NodeTypeVersionRecord::name).contains(name);

        assertCatalogError(() -> nodeTypes.get(name, 3), CatalogErrorCode.NODE_TYPE_NOT_FOUND).hasMessageContaining("no version 3");
        assertCatalogError(() -> nodeTypes.save("Not-A-Name", version -> "x", "ann"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("lower snake case");
        assertCatalogError(() -> nodeTypes.save(name(), version -> " ", "ann"), CatalogErrorCode.INVALID_ARGUMENT);
        assertThat(nodeTypes.delete(name)).isEqualTo(2);
        assertThat(nodeTypes.versions(name)).isEmpty();
    }

    @Test
    void concurrentSavesGetDifferentVersions() throws Exception {
        String name = name();
        List<Integer> saved = inParallel(4, thread -> List.of(nodeTypes.save(name, version -> "v" + version + " by " + thread, "t" + thread).version()));
        assertThat(saved).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(nodeTypes.versions(name)).allSatisfy(record -> assertThat(record.document()).startsWith("v" + record.version() + " "));
    }


    @Test
    void nullArgumentsAreInvalidArguments() {
        assertInvalidArguments(() -> nodeTypes.save(null, version -> "{}", "ann"), () -> nodeTypes.save("nulls", null, "ann"),
                () -> nodeTypes.publish(null, 1, "ann"), () -> nodeTypes.get(null, 1), () -> nodeTypes.versions(null),
                () -> nodeTypes.delete(null));
        assertThat(nodeTypes.versions("nulls")).isEmpty();
    }
}
