package cn.keywork.supervision.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.webhook.domain.WebhookTarget;

/** The address rules of subscription URLs, without a database or a lookup. */
class WebhookTargetTest {

    private static boolean internal(String address) throws Exception {
        return WebhookTarget.internal(InetAddress.getByName(address));
    }

    @Test
    void internal_addresses_are_recognised() throws Exception {
        for (String address : List.of("127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1",
                "169.254.169.254", "0.0.0.0", "100.64.0.1", "100.127.255.254", "224.0.0.1", "255.255.255.255", "::1", "::",
                "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1")) {
            assertThat(internal(address)).as(address).isTrue();
        }
        for (String address : List.of("203.0.113.10", "8.8.8.8", "172.32.0.1", "100.128.0.1", "100.63.255.255",
                "2001:db8::1", "::ffff:8.8.8.8")) {
            assertThat(internal(address)).as(address).isFalse();
        }
    }

    @Test
    void url_form_is_checked_before_any_lookup() {
        assertThat(WebhookTarget.parse("https://Hooks.Example.gov.cn/a/b?x=1", false))
                .satisfies(target -> {
                    assertThat(target.host()).isEqualTo("hooks.example.gov.cn");
                    assertThat(target.port()).isEqualTo(443);
                    assertThat(target.requestUri()).isEqualTo("/a/b?x=1");
                    assertThat(target.hostPort()).isEqualTo("hooks.example.gov.cn:443");
                });
        assertThat(WebhookTarget.parse("http://127.0.0.1:18461", true).requestUri()).isEqualTo("/");
        for (String url : List.of("http://example.gov.cn/", "ftp://example.gov.cn/", "https://u:p@example.gov.cn/",
                "https:///path", "not a url", "mailto:office@example.gov.cn")) {
            assertThatThrownBy(() -> WebhookTarget.parse(url, false)).as(url).isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).violations().get(0).field()).isEqualTo("url"));
        }
    }

    @Test
    void an_allow_listed_host_and_port_may_reach_an_internal_address() throws Exception {
        WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:18461/hook", true);
        List<InetAddress> loopback = List.of(InetAddress.getByName("127.0.0.1"));
        assertThat(target.permitted(loopback, Set.of("127.0.0.1:18461")).getHostAddress()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> target.permitted(loopback, Set.of("127.0.0.1:18462"))).isInstanceOf(InvalidInput.class);
        // One internal address among public ones is enough to refuse (no picking the harmless one).
        WebhookTarget named = WebhookTarget.parse("https://hooks.example.gov.cn/", false);
        assertThatThrownBy(() -> named.permitted(List.of(InetAddress.getByName("203.0.113.10"),
                InetAddress.getByName("10.1.2.3")), Set.of())).isInstanceOf(InvalidInput.class);
    }
}
