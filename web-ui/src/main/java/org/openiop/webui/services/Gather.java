package org.openiop.webui.services;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Service calls a page makes side by side (issue 21): a page that gathers several independent answers waits for the
 * slowest one instead of their sum.
 *
 * <p>A small bounded pool of platform threads (the build targets Java 17: no virtual threads), kept out of the
 * application context so Spring's own task executor is unaffected; when it is saturated the page thread makes the
 * call itself (caller runs), so a busy front door degrades to today's serial calls, never to an error. A call must
 * not start another gathered call from a worker (nothing here waits on the pool from inside it).
 *
 * <p>Each call runs with the page request's context, captured on the request thread when it is started:
 * <ul>
 * <li>the user's Authorization header, resolved once there (the services check the user's own roles and audit the
 * user by name; with OpenID Connect a due token refresh happens once per page, on the request thread that owns the
 * HTTP session, not concurrently in several workers);</li>
 * <li>everything registered with Micrometer's context propagation: Spring Security's {@code SecurityContextHolder}
 * and the current observation, so each call is a child span of the page's trace and carries its
 * {@code traceparent} to the service (the correlation the services' logs and spans are joined on);</li>
 * <li>the logging MDC (trace and span ids in the front door's own log lines).</li>
 * </ul>
 * The servlet request itself is deliberately not handed to the workers: a call still running after its page failed
 * must not read a request object Tomcat has recycled for someone else.
 */
public final class Gather implements DisposableBean {

    /** Enough for the widest page (a day of sessions, two calls each) on a handful of concurrent page requests. */
    static final int THREADS = 16;
    static final int QUEUE = 64;

    private static final ThreadLocal<String> PINNED = new ThreadLocal<>();
    /** clearMissing: a worker holds nothing the page did not have, e.g. no user when the page has none. */
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().clearMissing(true)
            .build();

    private final Supplier<String> authorization;
    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    Gather(Supplier<String> authorization) {
        this.authorization = authorization;
        executor.setThreadNamePrefix("page-call-");
        executor.setCorePoolSize(THREADS);
        executor.setMaxPoolSize(THREADS);
        executor.setQueueCapacity(QUEUE);
        executor.setAllowCoreThreadTimeOut(true);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
        executor.setTaskDecorator(new RequestContext());
        executor.initialize();
    }

    /** Starts {@code call} now, on a worker, as the current user; {@link Pending#get()} waits for its answer. */
    public <T> Pending<T> start(Supplier<T> call) {
        return new Pending<>(CompletableFuture.supplyAsync(call, executor));
    }

    /** The header a call made on this thread sends: the one pinned for a gathered call, else the user's own. */
    static String authorization(Supplier<String> own) {
        String pinned = PINNED.get();
        return pinned != null ? pinned : own.get();
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }

    /** A call under way; {@link #get()} rethrows what the call threw (e.g. a {@link ServiceProblem}) as it was. */
    public static final class Pending<T> {

        private final CompletableFuture<T> future;

        Pending(CompletableFuture<T> future) {
            this.future = future;
        }

        public T get() {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }

    /** Captures the request thread's context in {@code decorate} and puts it back, then restores, around the call. */
    private final class RequestContext implements TaskDecorator {

        @Override
        public Runnable decorate(Runnable call) {
            String header = authorization.get(); // on the request thread; not signed in fails the page as before
            ContextSnapshot snapshot = SNAPSHOTS.captureAll();
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            return () -> {
                // caller runs: the same thread may be the request thread itself, so everything is restored, not cleared
                String previousHeader = PINNED.get();
                Map<String, String> previousMdc = MDC.getCopyOfContextMap();
                PINNED.set(header);
                setMdc(mdc);
                try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
                    call.run();
                } finally {
                    setMdc(previousMdc);
                    if (previousHeader == null) {
                        PINNED.remove();
                    } else {
                        PINNED.set(previousHeader);
                    }
                }
            };
        }

        private static void setMdc(Map<String, String> values) {
            if (values == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(values);
            }
        }
    }
}
