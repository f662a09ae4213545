package dev.migrate.bench;

import dev.migrate.test.TestDatabase;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The targets of {@link FleetNoOpBench}, built fast: the first migrated by the CLI, the others copies of it made on
 * the server (10,000 schemas of 50 tables each through the CLI would take the bench most of an hour).
 */
final class FleetTargets {

    private FleetTargets() {
    }

    /**
     * Schemas tenant_00001 to tenant_{count}: the first migrated by {@code firstRun}, the others created with the same
     * tables and the same history rows, one schema per transaction, from two sessions at once.
     */
    static void schemas(TestDatabase db, int count, List<String> firstRun) throws Exception {
        db.execute("CREATE SCHEMA tenant_00001");
        PeerFolders.run(firstRun);
        db.execute("CREATE PROCEDURE public.copy_tenant(first int, last int) LANGUAGE plpgsql AS $$ "
                + "DECLARE s text; t text; BEGIN FOR i IN first..last LOOP s := 'tenant_' || lpad(i::text, 5, '0'); "
                + "EXECUTE format('CREATE SCHEMA %I', s); FOR t IN SELECT relname FROM pg_class WHERE relnamespace = "
                + "'tenant_00001'::regnamespace AND relkind = 'r' LOOP EXECUTE format('CREATE TABLE %I.%I (LIKE "
                + "tenant_00001.%I INCLUDING ALL)', s, t, t); END LOOP; EXECUTE format('INSERT INTO "
                + "%I.schema_migrations SELECT * FROM tenant_00001.schema_migrations', s); COMMIT; END LOOP; END $$");
        int half = (count + 1) / 2;
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> copy(db, half + 1, count));
        copy(db, 2, half);
        second.join();
        db.execute("DROP PROCEDURE public.copy_tenant");
    }

    private static void copy(TestDatabase db, int first, int last) {
        if (first <= last) {
            db.execute("CALL public.copy_tenant(" + first + ", " + last + ")");
        }
    }

    /** The {@code i}th tenant database beside the control database {@code db}: {@code <db>_t00001}, ... */
    static String database(TestDatabase db, int i) {
        return String.format(java.util.Locale.ROOT, "%s_t%05d", db.name(), i);
    }

    /** A LIKE pattern for every tenant database beside {@code db}. */
    static String databasePattern(TestDatabase db) {
        return db.name() + "_t%";
    }

    /** Databases 1 to {@code count} beside {@code db}: the first migrated by {@code firstRun}, the rest copies. */
    static void databases(TestDatabase db, int count, List<String> firstRun) throws Exception {
        db.execute("CREATE DATABASE " + database(db, 1));
        PeerFolders.run(firstRun);
        for (int i = 2; i <= count; i++) {
            db.execute("CREATE DATABASE " + database(db, i) + " TEMPLATE " + database(db, 1));
        }
    }

    static void dropDatabases(TestDatabase db, int count) {
        for (int i = 1; i <= count; i++) {
            db.execute("DROP DATABASE IF EXISTS " + database(db, i));
        }
    }
}
