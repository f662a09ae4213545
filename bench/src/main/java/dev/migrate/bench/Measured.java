package dev.migrate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One cold process measured: wall and CPU seconds as bash's {@code time} reports the child, and its peak RSS. */
final class Measured {

    private Measured() {
    }

    /**
     * Runs {@code argv} under bash's {@code time}, reading the child's VmHWM (its high-water mark, so the last reading
     * before it exits is its peak) every 5 ms meanwhile.
     *
     * @return wall seconds, CPU seconds (user + system), peak RSS in MB
     */
    static double[] run(List<String> argv) throws IOException, InterruptedException {
        Process process = timed(argv);
        long peakKb = 0;
        while (process.isAlive()) {
            for (ProcessHandle child : process.toHandle().descendants().toList()) {
                peakKb = Math.max(peakKb, highWaterMark(child.pid()));
            }
            Thread.sleep(5);
        }
        double[] times = times(process, argv, true);
        return new double[] {times[0], times[1], peakKb / 1024.0};
    }

    /** {@code argv} started under bash's {@code time}, its own output discarded. */
    static Process timed(List<String> argv) throws IOException {
        String quoted = String.join(" ", argv.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
        return new ProcessBuilder("bash", "-c", "TIMEFORMAT='%R %U %S'; time (" + quoted + " > /dev/null 2>&1)")
                .redirectErrorStream(true).start();
    }

    /**
     * The wall and CPU (user + system) seconds bash's {@code time} printed for a process {@link #timed} started,
     * once it ends; with {@code mustSucceed}, failing when the process did.
     */
    static double[] times(Process process, List<String> argv, boolean mustSucceed)
            throws IOException, InterruptedException {
        String[] out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()
                .split("\\s+");
        if (process.waitFor() != 0 && mustSucceed || out.length < 3) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + String.join(" ", out));
        }
        int n = out.length;
        return new double[] {Double.parseDouble(out[n - 3]),
            Double.parseDouble(out[n - 2]) + Double.parseDouble(out[n - 1])};
    }

    private static long highWaterMark(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).mapToLong(line -> Long.parseLong(
                            line.replaceAll("\\D", ""))).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0; // it exited between the listing and the reading
        }
    }
}
