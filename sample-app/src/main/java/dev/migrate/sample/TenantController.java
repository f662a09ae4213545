package dev.migrate.sample;

import dev.migrate.MigrateResult;
import dev.migrate.autoconfigure.FleetActivity;
import dev.migrate.fleet.Target;
import dev.migrate.fleet.TargetStatus;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Tenants, a schema each: created and migrated at once on request, listed with their state. */
@RestController
class TenantController {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    /** A tenant as the API shows it. */
    record Tenant(String name, String schema, String state, String version, int applied) {
    }

    private final JdbcClient jdbc;
    private final FleetActivity fleet;

    TenantController(JdbcClient jdbc, FleetActivity fleet) {
        this.jdbc = jdbc;
        this.fleet = fleet;
    }

    /** Creates the tenant's schema and applies the tenant migrations to it before answering. */
    @PostMapping("/api/tenants/{name}")
    Tenant create(@PathVariable String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "a tenant's name is a lower-case letter, then up to 40 letters, digits or underscores");
        }
        String schema = "tenant_" + name;
        jdbc.sql("CREATE SCHEMA IF NOT EXISTS " + schema).update();
        MigrateResult result = fleet.migrate(Target.schema(schema));
        return new Tenant(name, schema, "current", result.version().map(Object::toString).orElse(null),
                result.applied().size());
    }

    @GetMapping("/api/tenants")
    List<Tenant> tenants() {
        return fleet.read().targets().stream().map(TenantController::tenant).toList();
    }

    private static Tenant tenant(TargetStatus status) {
        String schema = status.target().name();
        return new Tenant(schema.substring("tenant_".length()), schema, status.state().name().toLowerCase(),
                status.version().orElse(null), 0);
    }
}
