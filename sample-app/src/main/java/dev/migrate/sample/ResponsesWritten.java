package dev.migrate.sample;

import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At shutdown, between Spring Boot's graceful shutdown of Tomcat and the stop of Tomcat itself: waits until
 * Tomcat's request threads have written their responses. Graceful shutdown takes Tomcat for idle as soon as no
 * servlet is running, but the response body is still in Tomcat's buffer then and is written out after the servlet
 * returns; stopping Tomcat in between closes the connection unanswered (GracefulShutdownIT: Spring MVC logged
 * "Completed 200 OK", graceful shutdown "complete" 5 ms later, and the client got no byte). The pool and the
 * embedded PostgreSQL stop after this.
 */
@Component
final class ResponsesWritten implements SmartLifecycle {

    /** Longer than writing a response takes; shutdown must not hang on a thread that never ends. */
    private static final Duration AT_MOST = Duration.ofSeconds(5);

    /** A web server's context, or another one (a test's mock environment), which has no requests to wait for. */
    private final ApplicationContext context;
    private volatile boolean running;

    ResponsesWritten(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!(context instanceof WebServerApplicationContext web
                && web.getWebServer() instanceof TomcatWebServer tomcat)) {
            return;
        }
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
            if (connector.getProtocolHandler().getExecutor() instanceof ThreadPoolExecutor threads) {
                while (threads.getActiveCount() > 0 && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After graceful shutdown ({@code MAX_VALUE - 1024}), before the web server stops ({@code MAX_VALUE - 2048}). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1536;
    }
}
