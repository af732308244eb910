package io.flowfile.catalog.flow;

import java.util.UUID;

/**
 * What the flow package needs to know about runs: how many a flow has, since a flow with runs cannot
 * be deleted. The run package implements it (runs name flow versions, so run depends on flow and not
 * the other way round).
 */
public interface FlowRuns {

    long countForFlow(UUID flowId);
}
