package io.flowfile.catalog.run;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RunNodeRepository implements PanacheRepositoryBase<RunNodeEntity, UUID> {

    public Optional<RunNodeEntity> find(UUID runId, String nodeId) {
        return find("runId = ?1 and nodeId = ?2", runId, nodeId).singleResultOptional();
    }

    /** In the order the nodes were first reported. */
    public List<RunNodeEntity> listForRun(UUID runId) {
        return list("runId", Sort.ascending("firstRecordedAt").and("nodeId"), runId);
    }
}
