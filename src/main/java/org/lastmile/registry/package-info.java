/**
 * Registry: the certified disabled persons, their certificates and households, kept live. This
 * first part holds the validation of resident ID numbers (GB 11643) and disability certificate
 * numbers. Publishes no database views yet.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry",
        allowedDependencies = {"platform", "web", "region", "access"})
package org.lastmile.registry;
