package org.openiop.webui.officer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Flow;

import org.openiop.webui.services.WebUiProperties;
import org.openiop.webui.signin.UserAuthorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;


/**
 * Relays attendance-service's live compliance stream of one program to the officer's browser, as the same
 * server-sent events. The browser only ever talks to the front door (one origin, its session cookie); the front door
 * subscribes upstream with the officer's own credentials. Non-blocking on both sides: an open dashboard holds no
 * thread. When either side ends, the other is closed, and the browser's EventSource reconnects by itself.
 */
@Controller
class LiveCompliance {

    private static final Logger log = LoggerFactory.getLogger(LiveCompliance.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final WebUiProperties properties;

    private final UserAuthorization user;

    LiveCompliance(WebUiProperties properties, UserAuthorization user) {
        this.properties = properties;
        this.user = user;
    }

    @GetMapping(path = "/officer/programs/{programId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String programId) {
        String authorization = user.header(); // taken now, on the request's thread (the stream runs on another)
        SseEmitter emitter = new SseEmitter(properties.liveTimeout().toMillis());
        Relay relay = new Relay(emitter);
        emitter.onCompletion(relay::cancel);
        emitter.onTimeout(relay::cancel);
        emitter.onError(e -> relay.cancel());
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.attendanceUrl() + "/api/programs/"
                + URLEncoder.encode(programId, StandardCharsets.UTF_8) + "/compliance/stream"))
                .header("Authorization", authorization)
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE).GET().build();
        http.sendAsync(request, info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.fromLineSubscriber(relay)
                : HttpResponse.BodySubscribers.replacing(null))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        log.info("live compliance relay for program {} ended: {}", programId, failure.toString());
                    } else if (response.statusCode() != 200) {
                        log.info("live compliance stream for program {} refused: {}", programId,
                                response.statusCode());
                    }
                    relay.upstreamEnded();
                });
        try {
            emitter.send(SseEmitter.event().comment("relaying"));
        } catch (IOException e) {
            relay.cancel();
        }
        return emitter;
    }

    /** Parses the upstream event stream line by line and sends each complete event on. */
    static final class Relay implements Flow.Subscriber<String> {

        private final SseEmitter emitter;
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        private String name;
        private StringBuilder data = new StringBuilder();

        Relay(SseEmitter emitter) {
            this.emitter = emitter;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith(":")) {
                return;
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
        }

        private void dispatch() {
            if (name == null && data.isEmpty()) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().name(name == null ? "message" : name).data(data.toString()));
            } catch (IOException | IllegalStateException e) {
                cancel();
            }
            name = null;
            data = new StringBuilder();
        }

        @Override
        public void onError(Throwable failure) {
            upstreamEnded();
        }

        @Override
        public void onComplete() {
            upstreamEnded();
        }

        void upstreamEnded() {
            try {
                emitter.complete();
            } catch (IllegalStateException e) {
                // already completed by the browser's side
            }
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
