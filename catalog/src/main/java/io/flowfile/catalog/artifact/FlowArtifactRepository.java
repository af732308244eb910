package io.flowfile.catalog.artifact;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class FlowArtifactRepository implements PanacheRepositoryBase<FlowArtifactEntity, UUID> {

    private static final Sort ORDER = Sort.ascending("kernelId").and("name");

    public Optional<FlowArtifactEntity> find(String flowName, String kernelId, String name) {
        return find("flowName = ?1 and kernelId = ?2 and name = ?3", flowName, kernelId, name).singleResultOptional();
    }

    public List<FlowArtifactEntity> listForFlow(String flowName) {
        return list("flowName", ORDER, flowName);
    }

    public List<FlowArtifactEntity> listForFlow(String flowName, String kernelId) {
        return list("flowName = ?1 and kernelId = ?2", ORDER, flowName, kernelId);
    }

    public List<FlowArtifactEntity> listOnKernel(String kernelId) {
        return list("kernelId", Sort.ascending("flowName").and("name"), kernelId);
    }

    public long deleteForFlow(String flowName) {
        return delete("flowName", flowName);
    }

    public long deleteOnKernel(String kernelId) {
        return delete("kernelId", kernelId);
    }

    public long deleteForFlow(String flowName, String kernelId) {
        return delete("flowName = ?1 and kernelId = ?2", flowName, kernelId);
    }
}
