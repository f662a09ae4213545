package dev.migrate.fleet;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every target's state, in target order, with the counts by state first.
 *
 * @param migrations how many migrations the folder has
 */
public record FleetStatus(int migrations, List<TargetStatus> targets) {

    public FleetStatus {
        targets = List.copyOf(targets);
    }

    /** How many targets are in each state, every state named, most urgent first. */
    public Map<TargetStatus.State, Integer> counts() {
        Map<TargetStatus.State, Integer> counts = new TreeMap<>();
        for (TargetStatus.State state : TargetStatus.State.values()) {
            counts.put(state, 0);
        }
        targets.forEach(target -> counts.merge(target.state(), 1, Integer::sum));
        return counts;
    }

    /** Whether every target has every migration of the folder. */
    public boolean current() {
        return targets.stream().allMatch(target -> target.state() == TargetStatus.State.CURRENT);
    }
}
