package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.security.SignInThrottle;
import org.openiop.backbone.security.SignInThrottleProperties;
import org.openiop.backbone.testapp.BackboneTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.web.client.RestClient;

/** Password guessing over HTTP Basic: backoff, a temporary lock that even the right password cannot pass, audited. */
@SpringBootTest(classes = BackboneTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "iop.security.sign-in.free-failures=3", "iop.security.sign-in.address-free-failures=8",
                "iop.security.sign-in.initial-lock=2s" })
class SignInThrottleTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired AuditTrail audit;
    @Autowired SignInThrottleProperties properties;

    /** The counts are kept in PostgreSQL: each test starts from none (the spray below locks this address). */
    @BeforeEach
    void noFailuresYet() {
        jdbc.sql("DELETE FROM sign_in_failure").update();
    }

    record Answer(int status, String retryAfter, String body) {
    }

    private Answer get(String user, String password) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build()
                .get().uri("/api/audit").exchange((req, res) -> new Answer(res.getStatusCode().value(),
                        res.getHeaders().getFirst("Retry-After"), new String(res.getBody().readAllBytes())));
    }

    @Test
    void repeatedWrongPasswordsLockTheUserThenTheAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(get("officer", "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(get("officer", "iop-officer").status()).as("still under the free failures").isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            get("officer", "guess-" + i);
        }
        Answer locked = get("officer", "iop-officer");
        assertThat(locked.status()).as("the right password while locked").isEqualTo(429);
        assertThat(locked.retryAfter()).isNotBlank();
        assertThat(locked.body()).contains("sign-in-locked").contains("Too many failed sign-ins. Try again in");
        assertThat(get("admin", "iop-admin").status()).as("another user from the same address").isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'SIGN_IN_LOCKED' AND detail LIKE "
                + "'user officer locked%'").query(Long.class).single()).isPositive();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("officer", "iop-officer").status() == 200);

        // Spraying many user names from one address locks the address, whatever user name comes next.
        for (int i = 0; i < 9; i++) {
            get("sprayed-" + i, "guess");
        }
        assertThat(get("admin", "iop-admin").status()).isEqualTo(429);
    }

    /** Another instance of the service (or this one after a restart) shares the counts and the lock in PostgreSQL. */
    @Test
    void aLockHoldsForEveryInstanceAndSurvivesARestart() {
        SignInThrottle otherInstance = new SignInThrottle(properties, audit, jdbc, Clock.systemUTC());
        assertThat(otherInstance.lockedFor("admin", "192.0.2.10")).isEmpty();
        // failures seen by the other instance count here: three there, four more here
        for (int i = 0; i < 3; i++) {
            otherInstance.failed(new AuthenticationFailureBadCredentialsEvent(
                    UsernamePasswordAuthenticationToken.unauthenticated("admin", "guess"),
                    new BadCredentialsException("wrong")));
        }
        assertThat(get("admin", "iop-admin").status()).as("three failures elsewhere, none here").isEqualTo(200);
        // a success here cleared the user's count everywhere; now fail here past the free failures
        for (int i = 0; i < 5; i++) {
            assertThat(get("admin", "guess-" + i).status()).isIn(401, 429);
        }
        assertThat(get("admin", "iop-admin").status()).isEqualTo(429);
        assertThat(otherInstance.lockedFor("admin", "192.0.2.10")).as("the other instance sees the lock").isPresent();
        SignInThrottle restarted = new SignInThrottle(properties, audit, jdbc, Clock.systemUTC());
        assertThat(restarted.lockedFor("ADMIN ", null)).as("a restart does not lift it").isPresent();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'SIGN_IN_LOCKED' AND detail LIKE "
                + "'user admin locked%'").query(Long.class).single()).isPositive();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> restarted.lockedFor("admin", null).isEmpty());
    }
}
