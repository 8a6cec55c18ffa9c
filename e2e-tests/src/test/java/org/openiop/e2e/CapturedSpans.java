package org.openiop.e2e;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Keeps every span a service ends, in memory, as an exporter would see it. Boot adds every SpanProcessor bean to the
 * service's OpenTelemetry tracer provider; {@link Platform} adds this configuration to each service it starts.
 */
public class CapturedSpans implements SpanProcessor {

    private final ConcurrentLinkedQueue<SpanData> ended = new ConcurrentLinkedQueue<>();

    public List<SpanData> ofTrace(String traceId) {
        return ended.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Configuration(proxyBeanMethods = false)
    public static class Registration {

        @Bean
        CapturedSpans capturedSpans() {
            return new CapturedSpans();
        }
    }
}
