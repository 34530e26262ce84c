/**
 * Platform: the database the application runs on (the embedded PostgreSQL by default, an external
 * server when configured), the command-line commands (backup, restore, data imports) and the
 * versioned, idempotent demo steps that other modules contribute. Publishes no database views.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.lastmile.platform;
