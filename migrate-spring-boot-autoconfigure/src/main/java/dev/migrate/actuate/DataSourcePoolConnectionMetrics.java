package dev.migrate.actuate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.util.ClassUtils;

/**
 * Pool gauges for every pooled DataSource, from Spring Boot's pool metadata so that any supported pool works,
 * tagged {@code name} as Boot tags its own pool meters. In Prometheus: {@code db_pool_connections_acquired},
 * {@code _idle}, {@code _open} (and the same value as {@code _total}), {@code _max}, {@code _min}, and
 * {@code _pending} where the pool can tell (HikariCP).
 */
public class DataSourcePoolConnectionMetrics implements MeterBinder {

    private static final boolean HIKARI = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
            DataSourcePoolConnectionMetrics.class.getClassLoader());

    private final Map<String, DataSource> dataSources;
    private final DataSourcePoolMetadataProvider metadataProvider;
    private final String prefix;
    /**
     * The pool metadata the meters read, held here: Micrometer holds a meter's object weakly, and nothing else holds
     * the metadata made for it, so after the first full GC every gauge read NaN and the _total counter froze.
     */
    private final List<DataSourcePoolMetadata> read = new CopyOnWriteArrayList<>();

    public DataSourcePoolConnectionMetrics(Map<String, DataSource> dataSources,
            DataSourcePoolMetadataProvider metadataProvider, String prefix) {
        this.dataSources = Map.copyOf(dataSources);
        this.metadataProvider = metadataProvider;
        this.prefix = prefix;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        dataSources.forEach((bean, dataSource) -> {
            DataSourcePoolMetadata metadata = metadataProvider.getDataSourcePoolMetadata(dataSource);
            if (metadata != null) {
                read.add(metadata);
                bind(registry, Names.pool(bean), dataSource, metadata);
            }
        });
    }

    private void bind(MeterRegistry registry, String pool, DataSource dataSource, DataSourcePoolMetadata metadata) {
        gauge(registry, pool, "acquired", "Connections in use", metadata, m -> orNaN(m.getActive()));
        gauge(registry, pool, "idle", "Connections idle in the pool", metadata, m -> orNaN(m.getIdle()));
        gauge(registry, pool, "open", "Connections open, in use or idle", metadata, DataSourcePoolConnectionMetrics::open);
        // The Prometheus client reserves the _total suffix for counters, so only a counter can carry the
        // db_pool_connections_total name that dashboards moved from Go services expect. Its value is a gauge's.
        FunctionCounter.builder(Names.meter(prefix, "db.pool.connections"), metadata, DataSourcePoolConnectionMetrics::open)
                .description("Connections open, in use or idle (a gauge value: do not rate() it)").tag("name", pool)
                .register(registry);
        gauge(registry, pool, "max", "Most connections the pool opens", metadata, m -> orNaN(m.getMax()));
        gauge(registry, pool, "min", "Fewest idle connections the pool keeps", metadata, m -> orNaN(m.getMin()));
        if (HIKARI && dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) {
            gauge(registry, pool, "pending", "Threads waiting for a connection", hikari, HikariPending::of);
        }
    }

    private <T> void gauge(MeterRegistry registry, String pool, String what, String description, T source,
            ToDoubleFunction<T> value) {
        Gauge.builder(Names.meter(prefix, "db.pool.connections." + what), source, value).description(description)
                .tag("name", pool).register(registry);
    }

    private static double open(DataSourcePoolMetadata metadata) {
        Integer active = metadata.getActive();
        Integer idle = metadata.getIdle();
        return active == null || idle == null ? Double.NaN : active + idle;
    }

    private static double orNaN(Integer value) {
        return value == null ? Double.NaN : value;
    }

    /** Kept apart so that this class loads without HikariCP on the classpath. */
    private static final class HikariPending {
        static double of(com.zaxxer.hikari.HikariDataSource dataSource) {
            com.zaxxer.hikari.HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
            return pool == null ? Double.NaN : pool.getThreadsAwaitingConnection();
        }
    }
}
