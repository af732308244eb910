package io.flowfile.catalog.artifact;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GlobalArtifactReadRepository implements PanacheRepositoryBase<GlobalArtifactReadEntity, UUID> {

    /** Counts one more read where the row exists (one statement: concurrent reads lose no count); the rows changed. */
    public int readAgain(UUID versionId, String flowScope, String nodeId, String kernelId, java.time.Instant now) {
        return update("count = count + 1, lastReadAt = ?1 where versionId = ?2 and flowScope = ?3 and nodeId = ?4 and kernelId = ?5",
                now, versionId, flowScope, nodeId, kernelId);
    }

    /** The reads of a node on a kernel, with the versions they read and those versions' names. */
    public List<Object[]> ofNode(String flowScope, String nodeId, String kernelId) {
        return getEntityManager().createQuery("select r, v, a.name from GlobalArtifactReadEntity r"
                        + " join GlobalArtifactVersionEntity v on v.id = r.versionId join GlobalArtifactEntity a on a.id = v.artifactId"
                        + " where r.flowScope = :scope and r.nodeId = :node and r.kernelId = :kernel order by a.name, v.version", Object[].class)
                .setParameter("scope", flowScope).setParameter("node", nodeId).setParameter("kernel", kernelId).getResultList();
    }
}
