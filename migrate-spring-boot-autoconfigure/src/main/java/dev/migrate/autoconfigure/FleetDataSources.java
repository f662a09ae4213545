package dev.migrate.autoconfigure;

import dev.migrate.fleet.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A fleet's database targets, reached as the control DataSource is (its user and password): a name is a database
 * on the control database's server, a URL given by a query is used as it is (a JDBC URL).
 */
final class FleetDataSources implements Function<Target, DataSource> {

    private final DataSource control;
    private volatile String controlUrl;

    FleetDataSources(DataSource control) {
        this.control = control;
    }

    @Override
    public DataSource apply(Target target) {
        String url = target.isUrl() ? jdbc(target.name()) : withDatabase(controlUrl(), target.name());
        return DataSourceBuilder.derivedFrom(control).type(SimpleDriverDataSource.class).url(url).build();
    }

    /** {@code jdbc:postgresql://host:5432/main?ssl=true} with {@code tenant_7} for {@code main}. */
    static String withDatabase(String url, String database) {
        int hosts = url.indexOf("//");
        int slash = url.indexOf('/', hosts + 2);
        int query = url.indexOf('?', hosts + 2);
        int end = query < 0 ? url.length() : query;
        String head = slash < 0 || slash > end ? url.substring(0, end) : url.substring(0, slash);
        return head + "/" + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20") + url.substring(end);
    }

    private static String jdbc(String url) {
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("the fleet's databases-query gave '" + url.replaceAll(":[^:@/]*@", ":***@")
                    + "', which is not a JDBC URL: give jdbc:postgresql://host:port/database (or database names)");
        }
        return url;
    }

    private String controlUrl() {
        String known = controlUrl;
        if (known == null) {
            try (Connection connection = control.getConnection()) {
                known = connection.getMetaData().getURL();
                controlUrl = known;
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the control database's URL for the fleet's "
                        + "databases: " + e.getMessage(), e);
            }
        }
        return known;
    }
}
