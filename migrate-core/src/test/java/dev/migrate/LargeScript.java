package dev.migrate;

/**
 * A migration of a given size that creates table {@code loaded_N} and inserts one row: comment lines stand in for
 * a data load's rows, as heavy for the engine as the real thing and cheap for the server.
 */
final class LargeScript {

    private LargeScript() {
    }

    static String text(int number, int megabytes, int value) {
        String line = "-- padding of migration " + number + ", standing in for the rows of a data load ........\n";
        StringBuilder text = new StringBuilder(megabytes * 1024 * 1024 + 200);
        text.append("CREATE TABLE loaded_").append(number).append(" (id int);\n");
        while (text.length() < megabytes * 1024 * 1024) {
            text.append(line);
        }
        return text.append("INSERT INTO loaded_").append(number).append(" VALUES (").append(value).append(");\n")
                .toString();
    }
}
