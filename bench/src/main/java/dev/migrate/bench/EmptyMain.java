package dev.migrate.bench;

/** A Java program that does nothing: the JVM's own start-up, the floor of any Java CLI on this machine. */
public final class EmptyMain {

    private EmptyMain() {
    }

    public static void main(String[] args) {
        // nothing: its run time is the JVM's
    }
}
