package dev.migrate.autoconfigure;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/** Tells Spring Boot that {@link MigrateInitializer} and {@link FleetInitializer} beans initialize the database, so users of it wait. */
class MigrateDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(MigrateInitializer.class, FleetInitializer.class);
    }

    /** The order Spring Boot gives Flyway's initializer detector. */
    @Override
    public int getOrder() {
        return 1;
    }
}
