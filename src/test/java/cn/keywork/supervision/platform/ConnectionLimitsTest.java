package cn.keywork.supervision.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Idle connections are closed after the idle timeout; connections beyond the cap are closed at once,
 * counted from the moment they are accepted, not from their first request.
 */
@QuarkusTest
@TestProfile(ConnectionLimitsTest.ShortLimits.class)
class ConnectionLimitsTest {

    static final int CAP = 4;

    public static class ShortLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "3s", "quarkus.http.limits.max-connections", Integer.toString(CAP));
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void an_idle_connection_is_closed_by_the_server_after_the_idle_timeout() throws IOException {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            assertThat(readUntilClosed(socket, 15_000)).as("the server closed the idle connection").isTrue();
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1_500);
        }
    }

    @Test
    void connections_beyond_the_cap_are_closed_at_once_even_silent_ones_and_the_service_stays_reachable()
            throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CAP + 2; i++) {
                sockets.add(connect());
            }
            // None of them sends anything; whichever two the server counted last are closed.
            assertThat(closedWithin(sockets, 1_500)).as("connections closed by the server").isEqualTo(2);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertThat(reachableWithin(10_000)).as("the service answers again once connections are freed").isTrue();
    }

    /** How many of the sockets the server closed before the deadline. */
    private static int closedWithin(List<Socket> sockets, long deadlineMillis) throws IOException {
        long deadline = System.nanoTime() + deadlineMillis * 1_000_000;
        List<Socket> open = new ArrayList<>(sockets);
        byte[] buffer = new byte[1024];
        while (System.nanoTime() < deadline) {
            for (Socket socket : List.copyOf(open)) {
                socket.setSoTimeout(20);
                try {
                    if (socket.getInputStream().read(buffer) == -1) {
                        open.remove(socket);
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // open so far
                } catch (SocketException reset) {
                    open.remove(socket);
                }
            }
        }
        return sockets.size() - open.size();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(500);
        return socket;
    }

    private void send(Socket socket) throws IOException {
        socket.getOutputStream().write(("GET /q/openapi HTTP/1.1\r\nHost: " + root.getHost() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Sends a request and answers its status line, leaving the connection open (keep-alive). */
    private String statusLine(Socket socket) throws IOException {
        send(socket);
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        socket.setSoTimeout(500);
        return line.toString();
    }

    /** Reads (and discards) until the peer closes; false if it is still open after the deadline. */
    private static boolean readUntilClosed(Socket socket, long deadlineMillis) throws IOException {
        long deadline = System.nanoTime() + deadlineMillis * 1_000_000;
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buffer) == -1) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // nothing yet: keep waiting until the deadline
            } catch (SocketException reset) {
                return true;
            }
        }
        return false;
    }

    private boolean reachableWithin(long deadlineMillis) throws IOException {
        long deadline = System.nanoTime() + deadlineMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            try (Socket socket = connect()) {
                if (statusLine(socket).contains(" 200 ")) {
                    return true;
                }
            } catch (SocketException | SocketTimeoutException refused) {
                // the freed connections may not be counted down yet
            }
        }
        return false;
    }
}
