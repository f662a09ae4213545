package dev.migrate.actuate;

import dev.migrate.autoconfigure.FleetActivity;
import dev.migrate.fleet.TargetStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * {@code db_migrations_fleet_targets{state="current"|"behind"|"failed"|"dirty"|"in_progress"}}: how many of the
 * fleet's targets are in each state, from its status snapshot (read again in the background, never by a scrape).
 */
public class FleetMetrics implements MeterBinder {

    private final FleetActivity activity;
    private final String prefix;

    public FleetMetrics(FleetActivity activity, String prefix) {
        this.activity = activity;
        this.prefix = prefix;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TargetStatus.State state : TargetStatus.State.values()) {
            // Held strongly: a gauge's object collected by the GC reads NaN from then on.
            Gauge.builder(Names.meter(prefix, "db.migrations.fleet.targets"), activity,
                            a -> a.status().map(s -> (double) s.counts().get(state)).orElse(Double.NaN))
                    .description("Targets of the fleet in each state").tag("state", state.name().toLowerCase(Locale.ROOT))
                    .strongReference(true).register(registry);
        }
    }
}
