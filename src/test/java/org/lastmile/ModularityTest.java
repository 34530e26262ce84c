package org.lastmile;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** The module boundaries of DESIGN.md hold: each module's internals stay its own. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(LastmileApplication.class);

    @Test
    void findsTheModulesItIsMeantToCheck() {
        // A verification that matches nothing proves nothing: the modules must be there to be checked.
        assertThat(modules.stream().map(ApplicationModule::getName))
                .contains("platform", "region", "web");
        assertThat(modules.getModuleByName("region").orElseThrow().getBasePackage().getName())
                .isEqualTo("org.lastmile.region");
    }

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        modules.verify();
    }

    @Test
    void theVerificationFailsWhenAModuleReachesIntoAnotherModulesInternals() {
        ApplicationModules broken = ApplicationModules.of("org.lastmile.modularityfixture", location -> true);
        assertThat(broken.stream().count()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(broken::verify)
                .hasMessageContaining("internal");
    }
}
