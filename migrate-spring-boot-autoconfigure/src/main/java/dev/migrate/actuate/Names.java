package dev.migrate.actuate;

/** Turns bean names into the names users see in the endpoint and in meter tags. */
final class Names {

    private static final String ACTIVITY_SUFFIX = "MigrationActivity";
    private static final String DATA_SOURCE_SUFFIX = "dataSource";

    private Names() {
    }

    /** {@code dataSourceMigrationActivity} shows as {@code dataSource}. */
    static String dataSource(String activityBeanName) {
        return activityBeanName.endsWith(ACTIVITY_SUFFIX) && activityBeanName.length() > ACTIVITY_SUFFIX.length()
                ? activityBeanName.substring(0, activityBeanName.length() - ACTIVITY_SUFFIX.length())
                : activityBeanName;
    }

    /** As Spring Boot's pool metrics name pools: {@code ordersDataSource} is {@code orders}, {@code dataSource} stays. */
    static String pool(String dataSourceBeanName) {
        String lower = dataSourceBeanName.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(DATA_SOURCE_SUFFIX.toLowerCase(java.util.Locale.ROOT))
                && dataSourceBeanName.length() > DATA_SOURCE_SUFFIX.length()
                ? dataSourceBeanName.substring(0, dataSourceBeanName.length() - DATA_SOURCE_SUFFIX.length())
                : dataSourceBeanName;
    }

    /** A meter name under the user's prefix: {@code meltica} and {@code db.migrations} give {@code meltica.db.migrations}. */
    static String meter(String prefix, String name) {
        String trimmed = prefix == null ? "" : prefix.strip().replaceAll("[._]+$", "");
        return trimmed.isEmpty() ? name : trimmed + "." + name;
    }
}
