package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.core.PostgresDatabase;
import liquibase.datatype.DataTypeFactory;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;

/** Column types as migrate writes them for PostgreSQL, against Liquibase 4.33.0's own mapping, type by type. */
class PostgresTypesOracleTest {

    static final List<String> TYPES = List.of("int", "INT", "integer", "int4", "int8", "bigint", "smallint", "int2",
            "tinyint", "serial", "bigserial", "varchar(100)", "VARCHAR(100)", "varchar", "character varying(20)",
            "nvarchar(10)", "char(3)", "char", "nchar(2)", "text", "clob", "nclob", "longtext", "boolean", "bool",
            "bit", "bit(1)", "timestamp", "TIMESTAMP", "timestamp(6)", "datetime", "timestamp with time zone",
            "timestamptz", "timestamp without time zone", "date", "time", "time with time zone", "timetz", "uuid",
            "numeric", "numeric(12,2)", "numeric(10)", "decimal(5,2)", "decimal", "number(10,2)", "double",
            "double precision", "float", "float(24)", "real", "currency", "money", "blob", "bytea", "longblob",
            "binary", "varbinary(10)", "json", "jsonb", "xml", "inet", "interval", "int[]", "text[]",
            "java.sql.Types.VARCHAR(50)", "java.sql.Types.INTEGER", "my_enum", "citext", "tsvector");

    @Test
    void everyTypeIsWrittenAsLiquibaseWritesIt() throws Exception {
        Database database = new PostgresDatabase();
        database.setConnection(new OfflineConnection("offline:postgresql", new DirectoryResourceAccessor(Path.of("."))));
        List<String> expected = new java.util.ArrayList<>();
        List<String> actual = new java.util.ArrayList<>();
        for (String type : TYPES) {
            expected.add(type + " -> " + DataTypeFactory.getInstance().fromDescription(type, database)
                    .toDatabaseDataType(database));
            actual.add(type + " -> " + PostgresTypes.of(type));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
