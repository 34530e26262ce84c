package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.AccessException;
import org.lastmile.access.Action;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Reveals;
import org.lastmile.access.Role;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@LastmileIntegrationTest
class RevealIntegrationTest {

    @Autowired
    Reveals reveals;
    @Autowired
    JdbcClient jdbc;

    private final CurrentUser worker = new CurrentUser(1, "reveal-worker", "王", List.of(new Grant(Role.FIELD_WORKER, 330122002200L, null)));

    @Test
    void revealsWithAPurposeInScopeAndAuditsIt() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("reveal-worker", null, List.of()));
        try {
            String value = reveals.reveal(worker, Action.PERSON_READ, 330122002200L, "person", "77", "phone", "电话回访", () -> "13812341234");
            assertThat(value).isEqualTo("13812341234");
            assertThat(jdbc.sql("select purpose || ' ' || outcome || ' ' || details from access_audit "
                    + "where account = 'reveal-worker' and action = 'REVEAL' and subject_id = '77'").query(String.class).single())
                    .isEqualTo("电话回访 SUCCESS phone");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void refusesWithoutAPurposeAndNeverReadsTheValue() {
        assertThatThrownBy(() -> reveals.reveal(worker, Action.PERSON_READ, 330122002200L, "person", "78", "phone", " ", () -> {
            throw new AssertionError("read without a purpose");
        })).isInstanceOf(AccessException.class).extracting(e -> ((AccessException) e).problems().get(0).code()).isEqualTo("PURPOSE_REQUIRED");
    }

    @Test
    void answersNotFoundOutsideTheScope() {
        assertThatThrownBy(() -> reveals.reveal(worker, Action.PERSON_READ, 330122002201L, "person", "79", "phone", "回访", () -> "x"))
                .isInstanceOf(AccessException.class)
                .extracting(e -> ((AccessException) e).kind()).isEqualTo(AccessException.Kind.NOT_FOUND);
    }
}
