package org.lastmile.platform.internal;

import java.nio.file.Path;

/**
 * Test helper run in a child JVM: starts the embedded server on a directory and waits to be killed. Like
 * the application (whose Spring context stops the server when the JVM exits), it stops the server in a
 * shutdown hook; a SIGKILL leaves it running, as it would the application's.
 */
public final class EmbeddedServerMain {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("READY " + server.postmasterPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
