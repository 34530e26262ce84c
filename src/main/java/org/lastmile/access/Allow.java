package org.lastmile.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The explicit authorisation rule of an endpoint (on the method, or on its controller class): the
 * caller must hold a grant whose role allows one of these actions. An endpoint with no rule at all
 * is refused (deny by default), and a test fails the build when one exists. See also
 * {@link org.lastmile.platform.AllowAuthenticated} and {@link org.lastmile.platform.AllowAnonymous}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Allow {
    Action[] value();
}
