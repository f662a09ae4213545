package dev.migrate.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A process the tests start (the packaged sample app, Prometheus), with its output collected as it comes. */
final class SampleProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private SampleProcess(ProcessBuilder builder) throws IOException {
        process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> output.append(line).append('\n'));
            } catch (IOException ignored) {
                // the process ended
            }
        }, "process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code java [jvmOptions] -jar sample-app.jar --server.port=0}. */
    static SampleProcess sampleApp(String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", System.getProperty("sample.jar"), "--server.port=0"));
        return new SampleProcess(new ProcessBuilder(command));
    }

    static SampleProcess of(String... command) throws IOException {
        return new SampleProcess(new ProcessBuilder(command));
    }

    Process process() {
        return process;
    }

    /** Everything printed so far. */
    String output() {
        return output.toString();
    }

    /** The first number the output's line matching {@code pattern} captures, waiting up to two minutes for it. */
    int await(String pattern) throws InterruptedException {
        Pattern wanted = Pattern.compile(pattern);
        for (int i = 0; i < 1_200; i++) {
            Matcher found = wanted.matcher(output);
            if (found.find()) {
                return Integer.parseInt(found.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + pattern + " in:\n" + output);
    }

    /** After the process has ended: waits for the last of its output. */
    void drain() throws InterruptedException {
        reader.join(5_000);
    }

    /**
     * Stops the process as an orchestrator would, with SIGTERM, and only if it is still there half a minute later
     * with SIGKILL: a SIGKILL first would leave the sample's embedded PostgreSQL running after the test, orphaned.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
