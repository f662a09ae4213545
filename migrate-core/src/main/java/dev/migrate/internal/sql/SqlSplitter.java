package dev.migrate.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Splits a script into statements where PostgreSQL would: at semicolons outside string literals
 * ({@code '...'}, {@code E'...'}), quoted identifiers, dollar quotes ({@code $$}, {@code $tag$}), comments
 * ({@code --}, nested {@code /* *}{@code /}), parentheses, and {@code BEGIN ATOMIC ... END} bodies of
 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} (recognised the way psql does). Used only for scripts that must
 * run statement by statement, and to find a failing statement's line.
 */
public final class SqlSplitter {

    /**
     * One statement: its text without the terminating semicolon, the line where it starts (from 1), where it
     * starts and ends in the script (character offsets, the end before any semicolon), and its first two words in
     * lower case ({@code "create table"}, {@code "commit"}), which say what kind of statement it is.
     */
    public record Statement(String sql, int line, int start, int end, String command) {

        public Statement(String sql, int line) {
            this(sql, line, -1, -1, "");
        }
    }

    /**
     * A script's statements, and the construct left open at its end, if any ({@code "a quoted string opened at
     * line 3"}): the server would read everything after it as part of it.
     */
    public record Split(List<Statement> statements, Optional<String> unterminated) {
    }

    private final String sql;
    private final List<Statement> statements = new ArrayList<>();
    private int i;
    private int line = 1;
    private int start = -1;
    private int startLine;
    private int parenDepth;
    private int beginDepth;
    private final String[] leadingWords = new String[4];
    private int wordCount;
    private String unterminated;

    private SqlSplitter(String sql) {
        this.sql = sql;
    }

    public static List<Statement> split(String sql) {
        return lex(sql).statements();
    }

    public static Split lex(String sql) {
        SqlSplitter splitter = new SqlSplitter(sql);
        splitter.run();
        return new Split(splitter.statements, Optional.ofNullable(splitter.unterminated));
    }

    private void run() {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && peek(1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                if (start < 0) {
                    start = i;
                    startLine = line;
                }
                token(c);
            }
        }
        emit(n);
    }

    private void token(char c) {
        switch (c) {
            case ';' -> {
                if (parenDepth == 0 && beginDepth == 0) {
                    emit(i);
                }
                i++;
            }
            case '\'' -> skipQuoted('\'', false);
            case '"' -> skipQuoted('"', false);
            case '$' -> skipDollarQuoteOrSign();
            case '(' -> {
                parenDepth++;
                i++;
            }
            case ')' -> {
                parenDepth = Math.max(0, parenDepth - 1);
                i++;
            }
            default -> {
                if (isIdentifierStart(c)) {
                    word();
                } else {
                    i++;
                }
            }
        }
    }

    private void word() {
        int from = i;
        while (i < sql.length() && isIdentifierPart(sql.charAt(i))) {
            i++;
        }
        String word = sql.substring(from, i).toLowerCase(Locale.ROOT);
        if (word.equals("e") && peek(0) == '\'') {
            skipQuoted('\'', true);
            return;
        }
        if (wordCount < leadingWords.length) {
            leadingWords[wordCount] = word;
        }
        wordCount++;
        if (parenDepth == 0 && createsRoutine()) {
            switch (word) {
                case "begin" -> beginDepth++;
                case "case" -> beginDepth += beginDepth > 0 ? 1 : 0;
                case "end" -> beginDepth = Math.max(0, beginDepth - 1);
                default -> { }
            }
        }
    }

    private boolean createsRoutine() {
        if (!"create".equals(leadingWords[0])) {
            return false;
        }
        return isRoutine(leadingWords[1])
                || ("or".equals(leadingWords[1]) && "replace".equals(leadingWords[2]) && isRoutine(leadingWords[3]));
    }

    private static boolean isRoutine(String word) {
        return "function".equals(word) || "procedure".equals(word);
    }

    private void skipQuoted(char quote, boolean backslashEscapes) {
        int openedAt = line;
        i++;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (backslashEscapes && c == '\\') {
                if (peek(1) == '\n') {
                    line++;
                }
                i += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    i += 2;
                } else {
                    i++;
                    return;
                }
            } else {
                i++;
            }
        }
        unterminated = (quote == '"' ? "a quoted identifier (\")" : "a quoted string (')") + " opened at line " + openedAt;
    }

    private void skipDollarQuoteOrSign() {
        int end = i + 1;
        while (end < sql.length() && isIdentifierPart(sql.charAt(end)) && sql.charAt(end) != '$') {
            end++;
        }
        boolean tagged = end < sql.length() && sql.charAt(end) == '$'
                && (end == i + 1 || !Character.isDigit(sql.charAt(i + 1)));
        if (!tagged) {
            i++; // a positional parameter such as $1, or a stray sign
            return;
        }
        String tag = sql.substring(i, end + 1);
        int close = sql.indexOf(tag, end + 1);
        if (close < 0) {
            unterminated = "a dollar quote (" + tag + ") opened at line " + line;
        }
        advanceTo(close < 0 ? sql.length() : close + tag.length());
    }

    private void skipBlockComment() {
        int openedAt = line;
        int depth = 0;
        while (i < sql.length()) {
            if (sql.charAt(i) == '/' && peek(1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && peek(1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (sql.charAt(i) == '\n') {
                    line++;
                }
                i++;
            }
        }
        unterminated = "a comment (/*) opened at line " + openedAt;
    }

    private void advanceTo(int target) {
        for (; i < target; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private void emit(int end) {
        if (start >= 0) {
            String text = sql.substring(start, end).stripTrailing();
            if (!text.isEmpty()) {
                String command = leadingWords[0] == null ? ""
                        : leadingWords[1] == null ? leadingWords[0] : leadingWords[0] + " " + leadingWords[1];
                statements.add(new Statement(text, startLine, start, start + text.length(), command));
            }
        }
        start = -1;
        parenDepth = 0;
        beginDepth = 0;
        wordCount = 0;
        java.util.Arrays.fill(leadingWords, null);
    }

    private char peek(int offset) {
        int at = i + offset;
        return at < sql.length() ? sql.charAt(at) : '\0';
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }
}
