package org.lastmile.platform.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoRunnerTest {

    @Test
    void createsTheDemoOnTheEmbeddedDatabaseUnlessTurnedOff() {
        assertThat(DemoRunner.isEnabled(null, true)).isTrue();
        assertThat(DemoRunner.isEnabled("", true)).isTrue();
        assertThat(DemoRunner.isEnabled("false", true)).isFalse();
    }

    @Test
    void neverCreatesTheDemoOnAnExternalDatabaseUnlessAskedFor() {
        assertThat(DemoRunner.isEnabled(null, false)).isFalse();
        assertThat(DemoRunner.isEnabled(" ", false)).isFalse();
        assertThat(DemoRunner.isEnabled("true", false)).isTrue();
    }
}
