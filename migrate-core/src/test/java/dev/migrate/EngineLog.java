package dev.migrate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** What the engine logged during one test, for tests whose outcome is a line said to the operator. */
final class EngineLog implements BeforeEachCallback, AfterEachCallback {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        lines.start();
        engineLogger().addAppender(lines);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        engineLogger().detachAppender(lines);
        lines.stop();
    }

    List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    void clear() {
        lines.list.clear();
    }

    private static Logger engineLogger() {
        return (Logger) LoggerFactory.getLogger("dev.migrate");
    }
}
