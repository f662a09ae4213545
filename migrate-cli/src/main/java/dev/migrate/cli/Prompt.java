package dev.migrate.cli;

/** Asks the person at the terminal a question; not interactive when there is no terminal. */
interface Prompt {

    boolean interactive();

    /** Prints the question and reads one line of answer (empty at end of input). */
    String ask(String question);

    /** The process's own console, if it has one. */
    static Prompt console() {
        return new Prompt() {
            @Override
            public boolean interactive() {
                return System.console() != null;
            }

            @Override
            public String ask(String question) {
                String line = System.console().readLine("%s", question);
                return line == null ? "" : line;
            }
        };
    }
}
