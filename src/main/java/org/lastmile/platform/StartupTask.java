package org.lastmile.platform;

/**
 * Work that must be done before the application serves requests, such as loading the shipped
 * division table into a new database. Tasks run once per start, in ascending {@link #order()},
 * after the schema migrations and before the web server opens its port.
 */
public interface StartupTask {

    int order();

    void run();
}
