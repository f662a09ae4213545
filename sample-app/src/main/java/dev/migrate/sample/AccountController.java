package dev.migrate.sample;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads the migrated tables: each account with its number of open positions. */
@RestController
class AccountController {

    /** One account as the API shows it. */
    record Account(long id, String name, String currency, BigDecimal balance, long openPositions) {
    }

    private final JdbcClient jdbc;

    AccountController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/accounts")
    List<Account> accounts() {
        return jdbc.sql("SELECT id, name, currency, balance, open_position_count(id) AS open_positions "
                        + "FROM accounts ORDER BY id")
                .query((row, n) -> new Account(row.getLong("id"), row.getString("name"), row.getString("currency").strip(),
                        row.getBigDecimal("balance"), row.getLong("open_positions")))
                .list();
    }
}
