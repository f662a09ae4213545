package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.Migrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The CLI's progress lines: a line logged while a fleet runs a target starts with the target's name. */
class ProgressLoggingTest {

    @Test
    void aLineOfAFleetsTargetStartsWithItsName() {
        String said = captured(() -> {
            LoggerFactory.getLogger("dev.migrate").info("applied {}", "1_orders");
            MDC.put(Migrator.LOG_TARGET, "tenant_7");
            try {
                LoggerFactory.getLogger("dev.migrate").info("applied {}", "1_orders");
                LoggerFactory.getLogger("dev.migrate").warn("slow");
            } finally {
                MDC.remove(Migrator.LOG_TARGET);
            }
        });
        assertThat(said.lines()).containsExactly("applied 1_orders", "tenant_7: applied 1_orders",
                "WARN: tenant_7: slow");
    }

    private static String captured(Runnable logging) {
        PrintStream before = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            logging.run();
        } finally {
            System.setErr(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
