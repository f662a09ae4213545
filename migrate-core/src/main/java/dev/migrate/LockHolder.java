package dev.migrate;

import java.time.Instant;

/**
 * The session that holds the migration lock, as {@code pg_stat_activity} shows it. {@code since} is when that
 * session ran its last statement, which for a migrator's lock connection is when it took the lock.
 */
public record LockHolder(int pid, String applicationName, String clientAddress, Instant since) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("pid ").append(pid);
        if (applicationName != null && !applicationName.isEmpty()) {
            text.append(" (application_name '").append(applicationName).append("')");
        }
        if (clientAddress != null) {
            text.append(" from ").append(clientAddress);
        }
        if (since != null) {
            text.append(" since ").append(since);
        }
        return text.toString();
    }
}
