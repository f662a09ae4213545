package dev.migrate.autoconfigure;

import java.util.List;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * At an ahead-of-time build, keeps the files of the migration locations the application configures
 * ({@code database.migrations.path} and a fleet's {@code database.migrations.fleet.path}, read from its environment
 * as the build sees it), besides the default one.
 */
final class MigrationLocationsAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean("environment")) {
            return null;
        }
        ConfigurableEnvironment environment = beanFactory.getBean("environment", ConfigurableEnvironment.class);
        List<String> locations = new java.util.ArrayList<>();
        for (String property : List.of("database.migrations.path", "database.migrations.fleet.path")) {
            locations.addAll(Binder.get(environment).bind(property, Bindable.listOf(String.class)).orElse(List.of()));
        }
        if (locations.isEmpty()) {
            return null;
        }
        return (context, code) -> locations.forEach(location ->
                MigrateRuntimeHints.registerLocation(context.getRuntimeHints(), location));
    }
}
