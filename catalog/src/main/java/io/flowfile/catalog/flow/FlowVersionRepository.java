package io.flowfile.catalog.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class FlowVersionRepository implements PanacheRepositoryBase<FlowVersionEntity, UUID> {

    public Optional<FlowVersionEntity> find(UUID flowId, int version) {
        return find("flowId = ?1 and version = ?2", flowId, version).singleResultOptional();
    }

    public List<FlowVersionEntity> listForFlow(UUID flowId) {
        return list("flowId", Sort.ascending("version"), flowId);
    }
}
