/**
 * Access: accounts, roles and grants, login and API tokens, the one scope rule (what a user may do
 * where), the tamper-evident audit trail, and the protection of personal data (encryption at rest,
 * blind indexes, masking). Every other module asks this one who the user is and what their scope is.
 * Publishes no database views.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access", allowedDependencies = {"platform", "web", "region"})
package org.lastmile.access;
