package dev.migrate.autoconfigure;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Whether {@code database.migrations.fleet} names targets, and whose {@code database.migrations.path} is. */
final class FleetConditions {

    private FleetConditions() {
    }

    private static MigrateProperties.Migrations bind(ConditionContext context) {
        return Binder.get(context.getEnvironment()).bind("database.migrations",
                Bindable.of(MigrateProperties.Migrations.class)).orElseGet(MigrateProperties.Migrations::new);
    }

    /** A fleet is configured: one of schemas, schemas-query, databases or databases-query is set. */
    static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return bind(context).getFleet().configured();
        }
    }

    /**
     * The folder at database.migrations.path is the DataSource's own: no fleet, or a fleet with a path of its own. A
     * fleet without one has the folder to itself, and the DataSource's schema is not migrated with it.
     */
    static final class FolderNotTheFleets implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            MigrateProperties.Fleet fleet = bind(context).getFleet();
            return !fleet.configured() || !fleet.getPath().isEmpty();
        }
    }
}
