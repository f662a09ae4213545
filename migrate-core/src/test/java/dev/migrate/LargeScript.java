package dev.migrate;

/**
 * A migration of a given size that creates table {@code loaded_N} and inserts one row: comment lines stand in for
 * a data load's rows, as heavy for the engine as the real thing and cheap for the server.
 */
final class LargeScript {

    private LargeScript() {
    }

    static String text(int number, int megabytes, int value) {
        return padded(number, megabytes, "CREATE TABLE loaded_" + number + " (id int);\n",
                "INSERT INTO loaded_" + number + " VALUES (" + value + ");\n");
    }

    /** Its down script, as large: drops the table. */
    static String down(int number, int megabytes) {
        return padded(number, megabytes, "", "DROP TABLE loaded_" + number + ";\n");
    }

    private static String padded(int number, int megabytes, String first, String last) {
        String line = "-- padding of migration " + number + ", standing in for the rows of a data load ........\n";
        StringBuilder text = new StringBuilder(megabytes * 1024 * 1024 + 200).append(first);
        while (text.length() < megabytes * 1024 * 1024) {
            text.append(line);
        }
        return text.append(last).toString();
    }
}
