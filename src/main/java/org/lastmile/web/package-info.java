/**
 * Web: the shell every module's pages sit in (layout, navigation, language, error pages) and the
 * API's error format (problem+json with one entry per bad field). Publishes no database views.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package org.lastmile.web;
