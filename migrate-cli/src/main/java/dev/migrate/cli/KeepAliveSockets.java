package dev.migrate.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketOption;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;

/**
 * The CLI's sockets to PostgreSQL, with TCP keepalives that notice a vanished peer within about a minute: a COMMIT
 * whose reply a network dropped without a word is then not waited for until the system's default (two hours), the
 * lock held all along. The kernel answers keepalives while the server runs a long statement, so a long migration
 * is never cut short, which a socket timeout would do. The driver makes one through its {@code socketFactory}.
 */
public final class KeepAliveSockets extends SocketFactory {

    /** Seconds of silence before the first probe, between probes, and how many probes go unanswered. */
    static final int IDLE = 30;
    static final int INTERVAL = 10;
    static final int COUNT = 3;

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.setKeepAlive(true);
        set(socket, ExtendedSocketOptions.TCP_KEEPIDLE, IDLE);
        set(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL, INTERVAL);
        set(socket, ExtendedSocketOptions.TCP_KEEPCOUNT, COUNT);
        return socket;
    }

    /** Where the platform has no such option, the system's keepalive settings stay. */
    private static void set(Socket socket, SocketOption<Integer> option, int value) throws IOException {
        if (socket.supportedOptions().contains(option)) {
            socket.setOption(option, value);
        }
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new UnsupportedOperationException("the driver connects an unconnected socket itself");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        throw new UnsupportedOperationException("the driver connects an unconnected socket itself");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw new UnsupportedOperationException("the driver connects an unconnected socket itself");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        throw new UnsupportedOperationException("the driver connects an unconnected socket itself");
    }
}
