package dev.migrate.cli;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database address as users already write it: a {@code postgres://} or {@code postgresql://} URI (Go and
 * libpq style, percent-escapes in user and password), a libpq {@code key=value} string, or a
 * {@code jdbc:postgresql://} URL. libpq parameters become their pgjdbc equivalents; golang-migrate's
 * {@code x-migrations-table} names the history table. The password is never part of {@link #toString()}.
 */
final class DatabaseUrl {

    /** libpq parameter names and their pgjdbc names, where they differ. */
    private static final Map<String, String> PGJDBC_NAMES = Map.of(
            "application_name", "ApplicationName",
            "search_path", "currentSchema",
            "target_session_attrs", "targetServerType");

    /** How long a login may take unless the URL says otherwise (libpq's connect_timeout, pgjdbc's loginTimeout). */
    static final int DEFAULT_LOGIN_TIMEOUT_SECONDS = 30;

    private static final Map<String, String> SESSION_ATTRS = Map.of(
            "read-write", "primary", "primary", "primary", "read-only", "secondary", "standby", "secondary",
            "prefer-standby", "preferSecondary", "any", "any");

    private final String hosts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> properties;
    private final String migrationsTable;
    private final String lockTimeout;

    private DatabaseUrl(String hosts, String database, String user, String password, Map<String, String> parameters) {
        this.hosts = hosts;
        this.database = database;
        this.user = user;
        this.password = password;
        this.properties = new LinkedHashMap<>();
        String table = null;
        String lock = null;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            if (name.equals("x-migrations-table")) {
                table = value;
            } else if (name.equals("x-lock-timeout")) {
                lock = value;
            } else if (name.equals("x-statement-timeout")) {
                properties.merge("options", "-c statement_timeout=" + value, (a, b) -> a + " " + b);
            } else if (name.startsWith("x-")) {
                continue; // golang-migrate driver settings with no meaning here (x-multi-statement, ...)
            } else if (name.equals("connect_timeout")) {
                // libpq's connect_timeout bounds the whole connection, the server's answer included; pgjdbc's
                // connectTimeout bounds only the TCP connect, so a server that accepts and never answers hung.
                properties.put("connectTimeout", value);
                properties.put("loginTimeout", value);
            } else if (name.equals("target_session_attrs")) {
                properties.put("targetServerType", SESSION_ATTRS.getOrDefault(value, value));
            } else {
                String driverName = PGJDBC_NAMES.getOrDefault(name, name);
                if (org.postgresql.PGProperty.forName(driverName) == null) {
                    throw UnknownParameter.refusal(name, PGJDBC_NAMES.keySet());
                }
                properties.put(driverName, value);
            }
        }
        properties.putIfAbsent("ApplicationName", "migrate");
        this.migrationsTable = table;
        this.lockTimeout = lock;
    }

    /**
     * The lock guard's timeout from {@code x-lock-timeout}, in milliseconds as golang-migrate's
     * {@code x-statement-timeout} is.
     */
    Optional<java.time.Duration> lockTimeout() {
        if (lockTimeout == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.Duration.ofMillis(Long.parseLong(lockTimeout.strip())));
        } catch (NumberFormatException e) {
            throw new UsageException("x-lock-timeout must be milliseconds (x-lock-timeout=3000), was '" + lockTimeout
                    + "'");
        }
    }

    static DatabaseUrl parse(String text) {
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            return parseUri(trimmed.substring(trimmed.indexOf("://") + 3));
        }
        if (lower.startsWith("jdbc:postgresql://")) {
            return parseUri(trimmed.substring("jdbc:postgresql://".length()));
        }
        if (trimmed.contains("=") && !trimmed.contains("://")) {
            return parseKeywords(trimmed);
        }
        throw new IllegalArgumentException("the database URL must start with postgres://, postgresql:// or "
                + "jdbc:postgresql://, or be a libpq 'host=... dbname=...' string");
    }

    /** {@code [user[:password]@]host[:port][,host[:port]...][/database][?name=value&...]}, split as Go does. */
    private static DatabaseUrl parseUri(String rest) {
        int authorityEnd = indexOfAny(rest, '/', '?');
        int at = rest.lastIndexOf('@', authorityEnd < 0 ? rest.length() : authorityEnd);
        if (at >= 0) {
            authorityEnd = indexOfAny(rest.substring(at), '/', '?');
            authorityEnd = authorityEnd < 0 ? -1 : at + authorityEnd;
        }
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
        String user = null;
        String password = null;
        String hosts = authority;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            hosts = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            password = colon < 0 ? null : percentDecode(userInfo.substring(colon + 1), "password");
        }
        int query = tail.indexOf('?');
        String path = query < 0 ? tail : tail.substring(0, query);
        String database = path.startsWith("/") ? percentDecode(path.substring(1), "database name") : "";
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : tail.substring(query + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    parameters.put(formDecode(eq < 0 ? pair : pair.substring(0, eq)),
                            eq < 0 ? "" : formDecode(pair.substring(eq + 1)));
                }
            }
        }
        return build(hosts, database, user, password, parameters);
    }

    /** libpq's {@code host=localhost port=5432 dbname=app user=app password='se cret'}. */
    private static DatabaseUrl parseKeywords(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (i >= text.length()) {
                break;
            }
            if (eq < 0) {
                throw new IllegalArgumentException("the database string has a word without '=': '"
                        + text.substring(i).split("\\s")[0] + "'");
            }
            String key = text.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            i = eq + 1;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            boolean quoted = i < text.length() && text.charAt(i) == '\'';
            if (quoted) {
                i++;
            }
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    value.append(text.charAt(i + 1));
                    i += 2;
                } else if (quoted ? c == '\'' : Character.isWhitespace(c)) {
                    i++;
                    break;
                } else {
                    value.append(c);
                    i++;
                }
            }
            values.put(key, value.toString());
        }
        String host = values.remove("host");
        String port = values.remove("port");
        String hosts = (host == null ? "localhost" : host) + (port == null ? "" : ":" + port);
        String database = values.remove("dbname");
        return build(hosts, database == null ? "" : database, values.remove("user"), values.remove("password"),
                values);
    }

    private static DatabaseUrl build(String hosts, String database, String user, String password,
            Map<String, String> parameters) {
        String queryUser = parameters.remove("user");
        String queryPassword = parameters.remove("password");
        String host = parameters.remove("host");
        if (host != null) {
            hosts = host + (parameters.containsKey("port") ? ":" + parameters.remove("port") : "");
        }
        String dbname = parameters.remove("dbname");
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        if (hosts.startsWith("/") || hosts.startsWith("%2F") || hosts.startsWith("%2f")) {
            throw new IllegalArgumentException("connecting through a Unix socket (host " + percentDecode(hosts, "host")
                    + ") is not supported; use a TCP host such as localhost");
        }
        for (String hostAndPort : hosts.split(",")) {
            int colon = hostAndPort.lastIndexOf(':');
            String port = colon < 0 || hostAndPort.endsWith("]") ? null : hostAndPort.substring(colon + 1);
            if (port != null && !validPort(port)) {
                throw new IllegalArgumentException("the database URL's port '" + port + "' is not a port number: "
                        + "give one from 1 to 65535 (PostgreSQL's is 5432)");
            }
        }
        return new DatabaseUrl(hosts, dbname != null ? dbname : database, user != null ? user : queryUser,
                password != null ? password : queryPassword, parameters);
    }

    /** The same server, user and parameters, another database on it: a fleet's database target. */
    DatabaseUrl withDatabase(String name) {
        DatabaseUrl other = new DatabaseUrl(hosts, name, user, password, Map.of());
        other.properties.clear();
        other.properties.putAll(properties);
        return other;
    }

    /** The history table named by golang-migrate's {@code x-migrations-table} parameter. */
    Optional<String> migrationsTable() {
        return Optional.ofNullable(migrationsTable);
    }

    String jdbcUrl() {
        String query = properties.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + hosts + "/" + encode(database) + (query.isEmpty() ? "" : "?" + query);
    }

    DataSource dataSource() {
        return dataSource(DEFAULT_LOGIN_TIMEOUT_SECONDS);
    }

    /**
     * The data source, a login bounded by {@code loginTimeoutSeconds} unless the URL bounds it (connect_timeout).
     * Defaults that keep a dead or silent server from hanging the CLI: the login (TCP connect, TLS, start-up,
     * authentication) is bounded, and TCP keepalives find a peer that vanished. No socket timeout: it would cut a
     * long migration's statement short.
     */
    DataSource dataSource(int loginTimeoutSeconds) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        if (!properties.containsKey("loginTimeout")) {
            dataSource.setLoginTimeout(loginTimeoutSeconds);
        }
        if (!properties.containsKey("tcpKeepAlive")) {
            dataSource.setTcpKeepAlive(true);
        }
        if (!properties.containsKey("socketFactory")) {
            dataSource.setSocketFactory(KeepAliveSockets.class.getName()); // a vanished peer noticed in about a minute
        }
        if (!properties.containsKey("assumeMinServerVersion")) {
            // The application name then goes in the start-up message, not in a SET that costs a round trip.
            dataSource.setAssumeMinServerVersion("10");
        }
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    String user() {
        return user;
    }

    String database() {
        return database;
    }

    /** For messages: the address with the user but never the password. */
    @Override
    public String toString() {
        return "postgres://" + (user == null ? "" : user + (password == null ? "" : ":***") + "@") + hosts + "/"
                + database;
    }

    private static int indexOfAny(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535;
    }

    /**
     * Decodes one part of the URI; a bad escape names the part, never its text, since the part may be the password.
     */
    private static String percentDecode(String text, String part) {
        try {
            // '+' is a plus sign in the user-info and path of a URI, not a space.
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the database URL's " + part + " has a '%' that is not followed by two "
                    + "hex digits: write a '%' that is part of it as %25 (and '@' as %40, ':' as %3A, '/' as %2F)");
        }
    }

    private static String formDecode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a parameter of the database URL has a '%' that is not followed by two "
                    + "hex digits: write a '%' that is part of it as %25");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
