package dev.migrate.cli;

/**
 * Gets, on a second core, what every command that reaches a database needs once its arguments are read: the driver
 * and its registration, the time-zone and calendar data pgjdbc sets up per connection, the digests behind checksums
 * and SCRAM, and the random source of SCRAM's nonce. While it does, the main thread reads the arguments: picocli
 * setting itself up and building the command's model is most of a cold start's first 100 ms. Class initialisation
 * is the JVM's to make safe: a class the main thread needs meanwhile waits for it.
 */
final class Prefetch {

    private Prefetch() {
    }

    static void start() {
        Thread thread = new Thread(Prefetch::run, "migrate-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            java.sql.DriverManager.getDrivers();
            java.util.Calendar.getInstance();
            java.security.MessageDigest.getInstance("SHA-256");
            javax.crypto.Mac.getInstance("HmacSHA256");
            new java.security.SecureRandom().nextBytes(new byte[18]);
            Class.forName("org.postgresql.core.v3.ConnectionFactoryImpl");
            Class.forName("org.postgresql.core.v3.QueryExecutorImpl");
            Class.forName("org.postgresql.jdbc.PgConnection");
        } catch (Exception | LinkageError e) {
            // only a head start: whatever failed here is done, or reported, where it is needed
        }
    }
}
