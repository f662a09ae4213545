package dev.migrate.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method that declares a {@link TestDatabase} parameter (in the test or its {@code @BeforeEach})
 * a fresh database, dropped after the test.
 */
public final class PostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Stored values that are AutoCloseable are closed when the test's context closes: the database is dropped.
        return context.getStore(NAMESPACE)
                .computeIfAbsent(TestDatabase.class, type -> TestPostgres.createDatabase(), TestDatabase.class);
    }
}
