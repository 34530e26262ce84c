package org.lastmile.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder between the browser and the application that can lose its signal: while off it
 * refuses new connections and cuts the open ones, for the page, its service worker and everything
 * else alike (Chromium's own offline emulation does not reach requests a service worker passes on).
 */
public final class NetworkSwitch implements AutoCloseable {

    private final int target;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean on = true;

    public NetworkSwitch(int targetPort) {
        this.target = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "network-switch");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port the browser should use. */
    public int port() {
        return server.getLocalPort();
    }

    public void on() {
        on = true;
    }

    /** No signal: open connections are cut, new ones closed at once. */
    public void off() {
        on = false;
        for (Socket socket : open) {
            quietlyClose(socket);
        }
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!on) {
                    quietlyClose(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // closed while accepting, or the application refused: the browser sees a failed connection
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side went away
            } finally {
                quietlyClose(from);
                quietlyClose(to);
            }
        }, "network-switch-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        off();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
