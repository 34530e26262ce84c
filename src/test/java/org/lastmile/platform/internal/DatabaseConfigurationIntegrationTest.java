package org.lastmile.platform.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.ScratchDatabase;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@LastmileIntegrationTest
class DatabaseConfigurationIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void refusesADatabaseThatIsNotUtf8() {
        try (ScratchDatabase ascii = ScratchDatabase.withEncoding(dataSource, "SQL_ASCII")) {
            assertThatThrownBy(() -> DatabaseConfiguration.requireUtf8AndVersion15(ascii.dataSource()))
                    .hasMessageContaining("needs a UTF8 database");
        }
    }

    @Test
    void acceptsTheTestDatabase() {
        assertThatCode(() -> DatabaseConfiguration.requireUtf8AndVersion15(dataSource)).doesNotThrowAnyException();
    }
}
