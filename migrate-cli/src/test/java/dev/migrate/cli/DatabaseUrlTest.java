package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void readsAGoStyleUriWithPercentEscapes() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app%40corp:p%40ss%25w0rd%2Fx@db-host:6432/meltica?sslmode=require");

        assertThat(url.user()).isEqualTo("app@corp");
        assertThat(url.dataSource()).extracting("password").isEqualTo("p@ss%w0rd/x");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db-host:6432/meltica?sslmode=require&ApplicationName=migrate");
    }

    @Test
    void splitsTheUserInfoAtTheLastAtSignAsGoDoes() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres:r@@t@localhost/meltica?sslmode=disable");

        assertThat(url.user()).isEqualTo("postgres");
        assertThat(url.dataSource()).extracting("password").isEqualTo("r@@t");
        assertThat(url.database()).isEqualTo("meltica");
    }

    @Test
    void mapsLibpqParametersToPgjdbc() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u@h1:5432,h2:5433/app?search_path=naytife_schema"
                + "&application_name=orders&connect_timeout=5&target_session_attrs=read-write&sslmode=verify-full");

        // connect_timeout bounds libpq's whole connection: pgjdbc's TCP connect and its login both
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/app?currentSchema=naytife_schema"
                + "&ApplicationName=orders&connectTimeout=5&loginTimeout=5&targetServerType=primary&sslmode=verify-full");
    }

    @Test
    void takesTheLockGuardsTimeoutFromXLockTimeoutInMilliseconds() {
        assertThat(DatabaseUrl.parse("postgres://u@localhost/app?x-lock-timeout=1500").lockTimeout())
                .contains(java.time.Duration.ofMillis(1500));
        assertThat(DatabaseUrl.parse("postgres://u@localhost/app").lockTimeout()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u@localhost/app"
                + "?x-lock-timeout=3s").lockTimeout()).isInstanceOf(UsageException.class)
                .hasMessage("x-lock-timeout must be milliseconds (x-lock-timeout=3000), was '3s'");
    }

    @Test
    void takesTheHistoryTableFromGolangMigratesParameter() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u@localhost/app?x-migrations-table=my_migrations"
                + "&x-multi-statement=true&x-statement-timeout=60000");

        assertThat(url.migrationsTable()).contains("my_migrations");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app?options=-c%20statement_timeout%3D60000"
                + "&ApplicationName=migrate");
    }

    @Test
    void readsLibpqKeywordStrings() {
        DatabaseUrl url = DatabaseUrl.parse("host=db port=5433 dbname=app user=svc password='se cret\\'s' sslmode=disable");

        assertThat(url.user()).isEqualTo("svc");
        assertThat(url.dataSource()).extracting("password").isEqualTo("se cret's");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/app?sslmode=disable&ApplicationName=migrate");
    }

    @Test
    void passesJdbcUrlsThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/app?user=svc&password=pw&ssl=true");

        assertThat(url.user()).isEqualTo("svc");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app?ssl=true&ApplicationName=migrate");
    }

    @Test
    void neverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:hunter2@localhost:5432/app");

        assertThat(url.toString()).isEqualTo("postgres://app:***@localhost:5432/app").doesNotContain("hunter2");
        assertThat(url.jdbcUrl()).doesNotContain("hunter2");
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://localhost/app")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres:///app?host=/var/run/postgresql"))
                .hasMessageContaining("Unix socket");
    }

    @Test
    void aParameterNeitherLibpqsNorTheDriversIsRefusedRatherThanIgnored() {
        // the driver ignores what it does not know: a misspelt sslmode would connect without TLS
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseUrl.parse(
                "postgres://u:p@db:5432/app?sslmod=require")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("the database URL's parameter 'sslmod' is not one migrate or the PostgreSQL "
                        + "driver knows (did you mean 'sslmode'?), and a parameter the driver ignores could leave the "
                        + "connection other than asked (a misspelt sslmode connects without TLS). Known: "
                        + "application_name, connect_timeout, options, password, search_path, sslcert, sslkey, "
                        + "sslmode, sslpassword, sslrootcert, target_session_attrs, user, x-lock-timeout, "
                        + "x-migrations-table, x-statement-timeout, and the PostgreSQL JDBC driver's own properties.");
        assertThat(DatabaseUrl.parse("postgres://u@db/app?prepareThreshold=0&sslmode=disable").jdbcUrl())
                .contains("prepareThreshold=0");
    }

    @Test
    void connectionsKeepAliveWithProbesThatNoticeAVanishedPeerWithinAboutAMinute() throws Exception {
        org.postgresql.ds.PGSimpleDataSource dataSource = (org.postgresql.ds.PGSimpleDataSource) DatabaseUrl.parse(
                "postgres://u@db/app?sslmode=disable").dataSource();
        assertThat(dataSource.getSocketFactory()).isEqualTo(KeepAliveSockets.class.getName());
        assertThat(dataSource.getLoginTimeout()).isEqualTo(30);

        try (java.net.Socket socket = new KeepAliveSockets().createSocket()) {
            assertThat(socket.getKeepAlive()).isTrue();
            if (socket.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE)) {
                assertThat(socket.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(30);
                assertThat(socket.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(10);
                assertThat(socket.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(3);
            }
        }
    }
}
