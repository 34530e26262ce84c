package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Deny by default: no endpoint of the application may exist without an explicit authorisation rule. */
@LastmileIntegrationTest
class EndpointRulesIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyRequestMappingHasAnExplicitAuthorisationRule() {
        List<String> unruled = new ArrayList<>();
        int endpoints = 0;
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (var entry : mapping.getHandlerMethods().entrySet()) {
                endpoints++;
                if (EndpointRules.ruleFor(entry.getValue()) instanceof EndpointRules.None) {
                    unruled.add(entry.getKey() + " -> " + entry.getValue());
                }
            }
        }
        assertThat(endpoints).as("the enumeration found the application's endpoints").isGreaterThan(20);
        assertThat(unruled).isEmpty();
    }

    @Test
    void anEndpointWithoutARuleIsFoundAndDenied() throws Exception {
        HandlerMethod bare = new HandlerMethod(new Unruled(), Unruled.class.getDeclaredMethod("handle"));
        assertThat(EndpointRules.ruleFor(bare)).isInstanceOf(EndpointRules.None.class);
    }

    static class Unruled {
        String handle() {
            return "";
        }
    }
}
