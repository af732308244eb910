package io.flowfile.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SchedulesResourceTest sends webhooks to 127.0.0.1 with the setting on (the test profile). */
class WebhookTargetsTest {

    @Test
    void thisMachineAndLinkLocalAddressesAreRefusedNamingTheSetting() {
        for (String url : List.of("http://127.0.0.1:8080/api/users", "http://localhost/hook", "http://[::1]:5432/", "http://0.0.0.0:9000/",
                "http://169.254.169.254/latest/meta-data/", "http://127.1.2.3/", "http://LOCALHOST/")) {
            assertThat(WebhookTargets.refusal(URI.create(url))).as(url).hasValueSatisfying(refusal -> assertThat(refusal)
                    .contains(WebhookTargets.SETTING));
        }
        assertThat(WebhookTargets.refusal(URI.create("http://169.254.169.254/"))).get().asString().contains("link-local");
        assertThat(WebhookTargets.refusal(URI.create("http://localhost/"))).get().asString().contains("127.0.0.1").contains("loopback");
    }

    @Test
    void withoutALookupOnlyAddressesAsWrittenAndLocalhostAreChecked() {
        assertThat(WebhookTargets.refusalWithoutLookup(URI.create("http://127.0.0.1/"))).isPresent();
        assertThat(WebhookTargets.refusalWithoutLookup(URI.create("http://[::1]/"))).isPresent();
        assertThat(WebhookTargets.refusalWithoutLookup(URI.create("http://localhost:8080/"))).isPresent();
        assertThat(WebhookTargets.refusalWithoutLookup(URI.create("https://hooks.example.com/x"))).isEmpty();
    }

    @Test
    void otherAddressesAreAllowed() {
        for (String url : List.of("http://10.0.0.5/hook", "https://192.168.1.20:8443/x", "http://93.184.216.34/", "https://[2001:db8::1]/")) {
            assertThat(WebhookTargets.refusal(URI.create(url))).as(url).isEmpty();
        }
    }
}
