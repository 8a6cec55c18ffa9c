package org.openiop.attendance.compliance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.openiop.backbone.web.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Who may open a live compliance stream: only for a program this service knows (404 otherwise), and at most
 * {@code attendance.live-streams-per-user} (20) open streams per user (429 beyond), so no caller can hold an
 * unbounded number of connections and emitters.
 */
@Component
class StreamAdmission {

    private final ComplianceReadRepository reads;
    private final int perUser;
    private final Map<String, AtomicInteger> openByUser = new ConcurrentHashMap<>();

    StreamAdmission(ComplianceReadRepository reads, @Value("${attendance.live-streams-per-user:20}") int perUser) {
        this.reads = reads;
        this.perUser = perUser;
    }

    /** Checks the program (known from its settings, or from an enrolment whose program event has not arrived yet:
     * the topics are not ordered with each other) and the user's count, then opens the stream; it is counted until
     * the emitter ends. */
    SseEmitter admit(String user, String programId, Supplier<SseEmitter> open) {
        boolean known = reads.programKnown(programId);
        if (!known) {
            throw new RuleViolation(HttpStatus.NOT_FOUND, "not-found", "This program does not exist",
                    List.of(new RuleViolation.FieldProblem("programId", "this program does not exist")));
        }
        AtomicInteger count = openByUser.computeIfAbsent(user, u -> new AtomicInteger());
        if (count.incrementAndGet() > perUser) {
            count.decrementAndGet();
            throw new RuleViolation(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams",
                    "At most " + perUser + " live streams may be open per user", List.of());
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        };
        try {
            SseEmitter emitter = open.get();
            emitter.onCompletion(release);
            emitter.onTimeout(release);
            emitter.onError(e -> release.run());
            return emitter;
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }
}
