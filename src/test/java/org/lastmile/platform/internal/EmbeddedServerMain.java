package org.lastmile.platform.internal;

import java.nio.file.Path;

/** Test helper run in a child JVM: starts the embedded server on a directory and waits to be killed. */
public final class EmbeddedServerMain {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        System.out.println("READY " + server.postmasterPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
