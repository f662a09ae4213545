package dev.migrate.cli;

import dev.migrate.Migrator;
import java.io.PrintStream;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The CLI's logging: the engine's log lines are its progress output, plain messages on standard error ({@code WARN:}
 * and {@code ERROR:} in front of those levels; stdout is for results). The engine logs at INFO ({@code -verbose}:
 * DEBUG), everything else at WARN. Written for the CLI because a cold start is what users feel: a logging framework
 * that reads an XML configuration costs a tenth of a second before the first migration is even read. A line logged
 * while a fleet runs a target starts with the target's name ({@link Migrator#LOG_TARGET}).
 */
public final class ProgressLogging implements SLF4JServiceProvider {

    private static volatile boolean verbose;

    private final ILoggerFactory loggers = ProgressLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** Whether the engine logs its debug detail ({@code -verbose}). */
    static void verbose(boolean on) {
        verbose = on;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    /** One named logger: the engine's ({@code dev.migrate...}) at INFO or DEBUG, others at WARN. */
    private static final class ProgressLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;
        private final boolean engine;

        ProgressLogger(String name) {
            this.name = name;
            this.engine = name.equals("dev.migrate") || name.startsWith("dev.migrate.");
        }

        private boolean enabled(Level level) {
            int threshold = engine ? (verbose ? Level.DEBUG.toInt() : Level.INFO.toInt()) : Level.WARN.toInt();
            return level.toInt() >= threshold;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            String message = OneLine.of(MessageFormatter.basicArrayFormat(pattern, arguments));
            String target = mdcTarget();
            if (target != null) {
                message = target + ": " + message;
            }
            PrintStream err = System.err;
            synchronized (err) {
                err.println(level == Level.INFO ? message : level + ": " + message);
                if (throwable != null) {
                    throwable.printStackTrace(err);
                }
            }
        }
    }

    private static String mdcTarget() {
        return MDC.get(Migrator.LOG_TARGET);
    }
}
