package dev.migrate.bench;

import java.util.ArrayList;
import java.util.List;

/** Timings of one measurement, in seconds: median, minimum and maximum. */
final class Samples {

    private final List<Double> seconds = new ArrayList<>();

    void add(long nanos) {
        seconds.add(nanos / 1e9);
    }

    void addSeconds(double value) {
        seconds.add(value);
    }

    double median() {
        List<Double> sorted = seconds.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    int count() {
        return seconds.size();
    }
}
