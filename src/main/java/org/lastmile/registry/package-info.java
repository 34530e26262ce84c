/**
 * Registry: the certified disabled persons, their certificates and households, kept live; the
 * status-and-needs record; precise identification. Publishes the read-only views
 * {@code registry_v_person}, {@code registry_v_household_tag}, {@code registry_v_status_answer} and {@code registry_v_household_member}
 * for other modules' set-based SQL (no personal number is in them), and {@link org.lastmile.registry.PersonMoved}
 * when a person's village changes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry",
        allowedDependencies = {"platform", "web", "region", "access"})
package org.lastmile.registry;
