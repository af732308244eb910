package io.flowfile.engine.plan;

import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import java.util.List;
import java.util.Map;

/**
 * The stages of a run, in an order where every stage comes after those it depends on.
 *
 * @param flow      the validated flow
 * @param mode      the execution mode
 * @param stages    the statements to run
 * @param cacheKeys the content key of every relation (and of every sink, under its node id)
 */
public record ExecutionPlan(ValidatedFlow flow, ExecutionMode mode, List<Stage> stages, Map<RelationId, String> cacheKeys) {

    public ExecutionPlan {
        stages = List.copyOf(stages);
        cacheKeys = Map.copyOf(cacheKeys);
    }

}
