package org.openiop.webui.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/** The page calls made side by side run as the page's user, in the page's trace, and fail as a direct call would. */
class GatherTest {

    private final AtomicInteger headerLookups = new AtomicInteger();
    private final Gather gather = new Gather(() -> "Basic user-" + headerLookups.incrementAndGet());

    @AfterEach
    void tidy() {
        gather.destroy();
        SecurityContextHolder.clearContext();
        MDC.clear();
    }

    @Test
    void aCallRunsWithTheRequestsUserHeaderTraceAndLogContext() {
        Authentication staff = new UsernamePasswordAuthenticationToken("staff", null,
                AuthorityUtils.createAuthorityList("ROLE_STAFF"));
        SecurityContextHolder.getContext().setAuthentication(staff);
        MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context -> true);
        Observation page = Observation.start("page", registry);
        try (Observation.Scope scope = page.openScope()) {
            record Seen(String thread, Authentication user, String traceId, Observation observation, String header) {
            }
            Seen seen = gather.start(() -> new Seen(Thread.currentThread().getName(),
                    SecurityContextHolder.getContext().getAuthentication(), MDC.get("traceId"),
                    registry.getCurrentObservation(), Gather.authorization(() -> "the worker's own lookup"))).get();

            assertThat(seen.thread()).startsWith("page-call-");
            assertThat(seen.user()).isSameAs(staff);
            assertThat(seen.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(seen.observation()).isSameAs(page);
            // resolved once, on the request thread, when the call was started
            assertThat(seen.header()).isEqualTo("Basic user-1");
        } finally {
            page.stop();
        }
    }

    @Test
    void aWorkerKeepsNothingOfTheLastRequestItServed() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        MDC.put("traceId", "first");
        gather.start(() -> null).get();
        SecurityContextHolder.clearContext();
        MDC.clear();

        List<String> seen = IntStream.range(0, Gather.THREADS).mapToObj(i -> gather.start(() -> {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            return (user == null ? "nobody" : user.getName()) + "/" + MDC.get("traceId") + "/"
                    + Gather.authorization(() -> "own");
        })).toList().stream().map(Gather.Pending::get).toList();

        assertThat(seen).allMatch(s -> s.startsWith("nobody/null/Basic user-"));
    }

    @Test
    void aFailedCallThrowsWhatTheServiceAnsweredUnwrapped() {
        ServiceProblem notFound = new ServiceProblem(404, null);
        Gather.Pending<Object> call = gather.start(() -> {
            throw notFound;
        });
        assertThatThrownBy(call::get).isSameAs(notFound);
    }

    @Test
    void notSignedInFailsThePageOnItsOwnThreadBeforeAnythingIsCalled() {
        Gather signedOut = new Gather(() -> {
            throw new IllegalStateException("no credentials");
        });
        try {
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> signedOut.start(calls::incrementAndGet))
                    .hasMessageContaining("no credentials");
            assertThat(calls).hasValue(0);
        } finally {
            signedOut.destroy();
        }
    }

    @Test
    void aFullPoolMakesTheCallOnTheRequestThreadAndLeavesItsContextAsItWas() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Gather.Pending<Object>> blockers = IntStream.range(0, Gather.THREADS + Gather.QUEUE)
                .mapToObj(i -> gather.start(() -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                })).toList();
        Authentication staff = new UsernamePasswordAuthenticationToken("staff", null,
                AuthorityUtils.createAuthorityList("ROLE_STAFF"));
        SecurityContextHolder.getContext().setAuthentication(staff);
        MDC.put("traceId", "page");
        try {
            String thread = gather.start(() -> Thread.currentThread().getName()
                    + "/" + Gather.authorization(() -> "own")).get();
            assertThat(thread).isEqualTo(Thread.currentThread().getName() + "/Basic user-" + headerLookups.get());
            assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(staff);
            assertThat(MDC.get("traceId")).isEqualTo("page");
            assertThat(Gather.authorization(() -> "own")).isEqualTo("own");
        } finally {
            release.countDown();
            blockers.forEach(Gather.Pending::get);
        }
    }
}
