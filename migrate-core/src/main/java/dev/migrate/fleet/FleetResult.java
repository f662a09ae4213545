package dev.migrate.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one worker's fleet run did, target by target in target order.
 *
 * @param release the listing's fingerprint: the ledger's rows of this release are the fleet's state
 * @param failedElsewhere targets of this release that failed in any worker, this one's included
 * @param canaryFailed whether a canary failed, so that nothing after the canary wave started
 */
public record FleetResult(String release, List<TargetOutcome> targets, List<String> failedElsewhere,
        boolean canaryFailed, Duration took) {

    public FleetResult {
        targets = List.copyOf(targets);
        failedElsewhere = List.copyOf(failedElsewhere);
    }

    /** How many targets ended in each state, every state named. */
    public Map<TargetOutcome.State, Integer> counts() {
        Map<TargetOutcome.State, Integer> counts = new TreeMap<>();
        for (TargetOutcome.State state : TargetOutcome.State.values()) {
            counts.put(state, 0);
        }
        targets.forEach(outcome -> counts.merge(outcome.state(), 1, Integer::sum));
        return counts;
    }

    /** How many migrations this worker applied, over every target. */
    public int applied() {
        return targets.stream().mapToInt(TargetOutcome::applied).sum();
    }

    /** Whether every target of the fleet is done in this release, by this worker or another. */
    public boolean succeeded() {
        return failedElsewhere.isEmpty() && !canaryFailed && targets.stream().allMatch(
                t -> t.state() == TargetOutcome.State.DONE || t.state() == TargetOutcome.State.BY_ANOTHER_WORKER);
    }
}
