package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.AccessException;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityPolicyTest {

    private final SecurityPolicy policy = new SecurityPolicy(8, 5, 10, null);

    @Test
    void acceptsEightCharactersOfThreeClasses() {
        assertThat(policy.check("wangfang", "Tonglu2020")).isEmpty();
        assertThat(policy.check("wangfang", "tonglu-2020")).isEmpty();
    }

    @Test
    void refusesShortSimpleOrUsernameBearingPasswords() {
        assertThat(policy.check("wangfang", "Ab1!")).extracting(AccessException.Problem::code).containsExactly("PASSWORD_TOO_SHORT");
        assertThat(policy.check("wangfang", "abcdefgh1")).extracting(AccessException.Problem::code).containsExactly("PASSWORD_TOO_SIMPLE");
        assertThat(policy.check("wangfang", "WangFang2020")).extracting(AccessException.Problem::code)
                .containsExactly("PASSWORD_CONTAINS_USERNAME");
    }

    @Test
    void temporaryPasswordsAlwaysSatisfyThePolicy() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.check("someone", AccountService.randomPassword())).isEmpty();
        }
    }
}
