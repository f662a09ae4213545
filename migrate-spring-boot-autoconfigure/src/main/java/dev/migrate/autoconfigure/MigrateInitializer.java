package dev.migrate.autoconfigure;

import dev.migrate.MigrateException;
import dev.migrate.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the migrations while the application context starts. Spring Boot's database-initialization ordering
 * (see {@link MigrateDatabaseInitializerDetector}) makes JdbcTemplate, JdbcClient, EntityManagerFactory, jOOQ and
 * {@code @DependsOnDatabaseInitialization} beans wait for it.
 */
public class MigrateInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(MigrateInitializer.class);

    private final MigrationActivity activity;
    private final MigrationStrategy strategy;
    private final boolean exitAfterMigrate;
    private final Exit exit;

    /** Ends the process; a seam so that tests can watch instead of exiting. */
    @FunctionalInterface
    interface Exit {
        void exit(int status);
    }

    public MigrateInitializer(MigrationActivity activity, MigrationStrategy strategy, boolean exitAfterMigrate) {
        this(activity, strategy, exitAfterMigrate, System::exit);
    }

    MigrateInitializer(MigrationActivity activity, MigrationStrategy strategy, boolean exitAfterMigrate, Exit exit) {
        this.activity = activity;
        this.strategy = strategy;
        this.exitAfterMigrate = exitAfterMigrate;
        this.exit = exit;
    }

    @Override
    public void afterPropertiesSet() {
        if (!exitAfterMigrate) {
            activity.run(strategy);
            return;
        }
        // A Job or init container: report, then end the process before the rest of the application starts.
        int status;
        try {
            MigrateResult result = activity.run(strategy);
            log.info("database.migrations.exit-after-migrate is set: exiting after migrating to version {}",
                    result == null ? "(unchanged)" : result.version().map(Object::toString).orElse("(none)"));
            status = 0;
        } catch (MigrateException e) {
            log.error("database migrations failed; exiting because database.migrations.exit-after-migrate is set:\n{}",
                    e.getMessage());
            status = 1;
        }
        exit.exit(status);
    }
}
