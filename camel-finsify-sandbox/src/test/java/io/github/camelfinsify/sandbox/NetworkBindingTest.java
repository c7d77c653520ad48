package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * Where the sandbox listens. 127.0.0.2 stands for "an address of this host other than 127.0.0.1": Linux routes
 * all of 127.0.0.0/8 to the loopback interface, so a socket bound to 127.0.0.1 is not reachable there while
 * one bound to every interface is, as it would be from other machines.
 */
class NetworkBindingTest {

    private static final String OTHER_ADDRESS = "127.0.0.2";

    private static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("Unexpected failure connecting to " + address + ":" + port, e);
        }
    }

    @Test
    void listensOnLoopbackOnlyByDefault() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().build().start()) {
            assertThat(sandbox.host()).isEqualTo("127.0.0.1");
            assertThat(accepts("127.0.0.1", sandbox.port())).isTrue();
            assertThat(accepts(OTHER_ADDRESS, sandbox.port())).as("reachable beside loopback").isFalse();
        }
    }

    @Test
    void hostOptionBindsTheGivenAddress() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().host("0.0.0.0").build().start()) {
            assertThat(accepts(OTHER_ADDRESS, sandbox.port())).isTrue();
        }
    }

    @Test
    void urlsNameLocalhostWhenItReachesTheBoundAddress() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().build().start()) {
            String root = "http://localhost:" + sandbox.port();
            assertThat(sandbox.baseUrl()).isEqualTo(root + "/v2");
            assertThat(sandbox.servicesUrl()).isEqualTo(root + "/service.json");
            assertThat(sandbox.adminUrl()).isEqualTo(root + "/sandbox");
            assertThat(Http.bare(sandbox).get(sandbox.servicesUrl()).status()).isEqualTo(200);
        }
    }

    @Test
    void urlsNameAnyOtherBoundAddressItself() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().host(OTHER_ADDRESS).build().start()) {
            assertThat(sandbox.baseUrl()).isEqualTo("http://" + OTHER_ADDRESS + ":" + sandbox.port() + "/v2");
            assertThat(Http.bare(sandbox).get(sandbox.servicesUrl()).status()).isEqualTo(200);
        }
    }

    @Test
    void urlsOfAWildcardBindingNameLocalhost() {
        try (FinsifySandbox sandbox = FinsifySandbox.builder().host("0.0.0.0").build().start()) {
            assertThat(sandbox.baseUrl()).isEqualTo("http://localhost:" + sandbox.port() + "/v2");
        }
    }

    @Test
    void blankOrUnknownHostIsRefusedNamingIt() {
        assertThatThrownBy(() -> FinsifySandbox.builder().host(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> FinsifySandbox.builder().host("no-such-host.invalid"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void aTakenPortFailsTheStartNamingHostAndPort() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            FinsifySandbox sandbox = FinsifySandbox.builder().port(port).build();
            assertThatThrownBy(sandbox::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("in use");
            assertThat(sandbox.isRunning()).isFalse();
            sandbox.close();
        }
    }
}
