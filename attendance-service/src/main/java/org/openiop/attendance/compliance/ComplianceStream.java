package org.openiop.attendance.compliance;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live changes of client-weeks for dashboards, as server-sent events, per program. Sent only after the projection's
 * transaction committed, so a dashboard never shows a total that was rolled back.
 * <p>
 * At shutdown every open stream is ended ({@link #stop()}), before the web server's graceful shutdown waits for the
 * requests still in progress: an open stream is such a request for up to its 30-minute timeout, so without this
 * each shutdown waited out the whole shutdown phase (30 s) and then aborted them. A dashboard's EventSource
 * reconnects (to another instance).
 */
@Component
class ComplianceStream implements SmartLifecycle {

    private static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;

    private final Map<String, List<SseEmitter>> byProgram = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean closing;

    SseEmitter subscribe(String programId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        List<SseEmitter> emitters = byProgram.computeIfAbsent(programId, p -> new CopyOnWriteArrayList<>());
        emitters.add(emitter);
        Runnable remove = () -> emitters.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            // An opening comment, so the client knows the stream is live before the first change.
            emitter.send(SseEmitter.event().comment("subscribed"));
        } catch (IOException e) {
            remove.run();
        }
        if (closing) {
            // Opened while the streams were being ended: end it too, or the server would wait for it.
            emitter.complete();
        }
        return emitter;
    }

    @Override
    public void start() {
        closing = false;
        running = true;
    }

    /**
     * Ends every open stream. In the default phase ({@link SmartLifecycle#DEFAULT_PHASE}), so before the web server's
     * graceful shutdown (a lower phase, stopped later) starts waiting for active requests.
     */
    @Override
    public void stop() {
        closing = true;
        running = false;
        for (List<SseEmitter> emitters : byProgram.values()) {
            for (SseEmitter emitter : emitters) {
                try {
                    emitter.complete();
                } catch (RuntimeException e) {
                    emitters.remove(emitter);
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ComplianceProjection.WeekChanged change) {
        List<SseEmitter> emitters = byProgram.get(change.programId());
        if (emitters == null) {
            return;
        }
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name("week").data(change));
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }
}
