package dev.migrate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in this JVM with captured output, a chosen environment and, if wanted, a terminal. */
final class CliRun {

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> environment = new HashMap<>();
    private boolean interactive;
    private final Deque<String> answers = new ArrayDeque<>();
    final List<String> questions = new java.util.ArrayList<>();

    CliRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Pretends a person at a terminal gives these answers. */
    CliRun terminal(String... replies) {
        interactive = true;
        answers.addAll(List.of(replies));
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Prompt prompt = new Prompt() {
            @Override
            public boolean interactive() {
                return interactive;
            }

            @Override
            public String ask(String question) {
                questions.add(question);
                return answers.isEmpty() ? "" : answers.pop();
            }
        };
        int code = new Cli(environment, prompt, new PrintWriter(out), new PrintWriter(err)).run(args);
        return new Result(code, out.toString(), err.toString());
    }
}
