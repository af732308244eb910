package io.flowfile.catalog.artifact;

import static io.flowfile.catalog.testing.BeforeStatement.interleave;
import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.assertInvalidArguments;
import static io.flowfile.catalog.testing.CatalogAssertions.inParallel;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.ArtifactFormat;
import io.flowfile.catalog.api.FlowArtifactRecord;
import io.flowfile.catalog.api.FlowArtifactSpec;
import io.flowfile.catalog.api.KernelSpec;
import io.flowfile.catalog.kernel.KernelCatalog;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FlowArtifactService against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class FlowArtifactServiceContract {

    @Inject
    FlowArtifactService artifacts;

    @Inject
    KernelCatalog kernels;

    private String kernel;
    private String otherKernel;
    private String flow;

    @BeforeEach
    void defineKernels() {
        kernel = kernels.save(new KernelSpec(unique("k"), null, null, null, 1, 1, 0, null, null, null)).id();
        otherKernel = kernels.save(new KernelSpec(unique("k"), null, null, null, 1, 1, 0, null, null, null)).id();
        flow = unique("flow being edited"); // flow-scoped artifacts do not need a registered flow
    }

    private FlowArtifactSpec spec(String kernelId, String name, char hex, long size) {
        return new FlowArtifactSpec(flow, kernelId, name, "python_1", "pandas.DataFrame", ArtifactFormat.PARQUET, size,
                String.valueOf(hex).repeat(64));
    }

    @Test
    void recordGetAndList() {
        FlowArtifactRecord model = artifacts.record(new FlowArtifactSpec(flow, kernel, "model", "train", "sklearn.linear_model.Ridge",
                ArtifactFormat.JOBLIB, 2048, "a".repeat(64)));
        FlowArtifactRecord frame = artifacts.record(spec(kernel, "features", 'b', 10));
        FlowArtifactRecord elsewhere = artifacts.record(spec(otherKernel, "model", 'c', 20));

        assertThat(artifacts.get(flow, kernel, "model")).isEqualTo(model);
        assertThat(model.spec().format()).isEqualTo(ArtifactFormat.JOBLIB);
        assertThat(model.spec().nodeId()).isEqualTo("train");
        assertThat(artifacts.list(flow, kernel)).containsExactly(frame, model);
        assertThat(artifacts.list(flow)).containsExactlyInAnyOrder(frame, model, elsewhere);
        assertThat(artifacts.list(unique("another flow"))).isEmpty();
    }

    @Test
    void publishingANameAgainReplacesItsRecord() {
        FlowArtifactRecord first = artifacts.record(spec(kernel, "model", 'a', 10));

        FlowArtifactRecord second = artifacts.record(new FlowArtifactSpec(flow, kernel, "model", "python_2", "dict",
                ArtifactFormat.CLOUDPICKLE, 99, "d".repeat(64)));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.spec().sha256()).isEqualTo("d".repeat(64));
        assertThat(second.spec().format()).isEqualTo(ArtifactFormat.CLOUDPICKLE);
        assertThat(second.createdAt()).isAfterOrEqualTo(first.createdAt());
        assertThat(artifacts.list(flow, kernel)).containsExactly(second);
    }

    @Test
    void deleteOneOrAll() {
        artifacts.record(spec(kernel, "a", 'a', 1));
        artifacts.record(spec(kernel, "b", 'b', 1));
        artifacts.record(spec(otherKernel, "c", 'c', 1));
        artifacts.record(spec(otherKernel, "d", 'd', 1));

        artifacts.delete(flow, kernel, "a");
        assertThat(artifacts.list(flow)).extracting(FlowArtifactRecord::name).containsExactlyInAnyOrder("b", "c", "d");
        assertCatalogError(() -> artifacts.delete(flow, kernel, "a"), CatalogErrorCode.ARTIFACT_NOT_FOUND)
                .hasMessageContaining("flow '" + flow + "' has no artifact named 'a' on kernel '" + kernel + "'");
        assertCatalogError(() -> artifacts.get(flow, kernel, "a"), CatalogErrorCode.ARTIFACT_NOT_FOUND);

        assertThat(artifacts.deleteAll(flow, otherKernel)).isEqualTo(2);
        assertThat(artifacts.list(flow)).extracting(FlowArtifactRecord::name).containsExactly("b");
        assertThat(artifacts.deleteAll(flow)).isEqualTo(1);
        assertThat(artifacts.list(flow)).isEmpty();
    }

    @Test
    void deletingAKernelDeletesItsArtifactRecords() {
        artifacts.record(spec(kernel, "a", 'a', 1));
        artifacts.record(spec(otherKernel, "b", 'b', 1));

        kernels.delete(kernel);

        assertThat(artifacts.list(flow)).extracting(FlowArtifactRecord::name).containsExactly("b");
    }

    @Test
    void clearingAKernelDeletesTheRecordsOfEveryFlowOnIt() {
        String otherFlow = unique("another flow");
        artifacts.record(spec(kernel, "a", 'a', 1));
        artifacts.record(new FlowArtifactSpec(otherFlow, kernel, "a", "n", "dict", ArtifactFormat.CLOUDPICKLE, 3, "c".repeat(64)));
        artifacts.record(spec(otherKernel, "b", 'b', 1));

        assertThat(artifacts.listOnKernel(kernel)).extracting(record -> record.spec().flowName())
                .containsExactlyInAnyOrder(flow, otherFlow);
        assertThat(artifacts.deleteAllOnKernel(kernel)).isEqualTo(2);

        assertThat(artifacts.list(flow)).extracting(FlowArtifactRecord::name).containsExactly("b");
        assertThat(artifacts.list(otherFlow)).isEmpty();
    }

    @Test
    void anUnknownKernelIsRefused() {
        assertCatalogError(() -> artifacts.record(spec("nobody", "a", 'a', 1)), CatalogErrorCode.KERNEL_NOT_FOUND)
                .hasMessageContaining("artifact 'a' of flow '" + flow + "' names kernel 'nobody', which is not defined in the catalog");
        assertThat(artifacts.list(flow)).isEmpty();
    }

    @Test
    void concurrentFirstRecordsOfOneNameEndWithOneRecord() throws Exception {
        List<FlowArtifactRecord> recorded = inParallel(4, thread -> List.of(artifacts.record(spec(kernel, "shared", "abcd".charAt(thread), thread))));

        assertThat(recorded).extracting(FlowArtifactRecord::id).containsOnly(recorded.get(0).id());
        assertThat(artifacts.list(flow, kernel)).singleElement().extracting(FlowArtifactRecord::name).isEqualTo("shared");
    }


    @Test
    void aRecordOnAKernelDeletedAfterTheCheckIsKernelNotFound() {
        assertCatalogError(() -> interleave("insert into flow_artifacts", () -> kernels.delete(kernel),
                () -> artifacts.record(spec(kernel, "model", 'a', 1))), CatalogErrorCode.KERNEL_NOT_FOUND).hasMessageContaining(kernel);
        assertThat(artifacts.list(flow)).isEmpty();
    }


    @Test
    void nullArgumentsAreInvalidArguments() {
        assertInvalidArguments(() -> artifacts.record(null), () -> artifacts.get(null, kernel, "model"), () -> artifacts.get(flow, null, "model"),
                () -> artifacts.get(flow, kernel, null), () -> artifacts.delete(null, kernel, "model"), () -> artifacts.delete(flow, null, "model"),
                () -> artifacts.delete(flow, kernel, null), () -> artifacts.list(null), () -> artifacts.list(flow, null),
                () -> artifacts.listOnKernel(null), () -> artifacts.deleteAll(null), () -> artifacts.deleteAllOnKernel(null));
    }
}
