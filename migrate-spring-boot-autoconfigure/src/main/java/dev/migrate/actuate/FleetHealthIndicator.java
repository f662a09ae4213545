package dev.migrate.actuate;

import dev.migrate.autoconfigure.FleetActivity;
import dev.migrate.fleet.FleetStatus;
import dev.migrate.fleet.TargetStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the fleet is current: UP when every target has every migration; DOWN when a target is dirty or failed;
 * OUT_OF_SERVICE while targets are behind or being migrated; UNKNOWN before its status was first read. The
 * details hold the counts by state and each failing or dirty target with its error. Read from the fleet's snapshot,
 * never on the caller's thread.
 */
public class FleetHealthIndicator extends AbstractHealthIndicator {

    /** How many failing targets the details name, so that a large outage does not make a huge response. */
    private static final int MOST_NAMED = 20;

    private final FleetActivity activity;

    public FleetHealthIndicator(FleetActivity activity) {
        super("Fleet health check failed");
        this.activity = activity;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        FleetStatus status = activity.status().orElse(null);
        if (status == null) {
            builder.unknown().withDetail("status", "not read yet");
            return;
        }
        Map<TargetStatus.State, Integer> counts = status.counts();
        Map<String, Integer> named = new LinkedHashMap<>();
        counts.forEach((state, count) -> named.put(state.name().toLowerCase(Locale.ROOT), count));
        builder.withDetail("targets", status.targets().size()).withDetail("counts", named);
        Map<String, String> failing = new LinkedHashMap<>();
        status.targets().stream().filter(t -> t.state() == TargetStatus.State.DIRTY
                        || t.state() == TargetStatus.State.FAILED).limit(MOST_NAMED)
                .forEach(t -> failing.put(t.target().name(), t.state().name().toLowerCase(Locale.ROOT)
                        + t.error().map(e -> ": " + e).orElse("")));
        if (!failing.isEmpty()) {
            builder.withDetail("failing", failing);
        }
        if (counts.get(TargetStatus.State.DIRTY) + counts.get(TargetStatus.State.FAILED) > 0) {
            builder.down();
        } else if (!status.current()) {
            builder.outOfService();
        } else {
            builder.up();
        }
    }
}
