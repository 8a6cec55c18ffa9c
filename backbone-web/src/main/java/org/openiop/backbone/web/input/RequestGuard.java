package org.openiop.backbone.web.input;

import java.io.IOException;
import java.util.Map;

import org.openiop.backbone.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs before anything reads an API request: a body larger than {@code iop.input.max-body-size} is a 413 (declared
 * length at once, a streamed body as soon as it passes the cap), a parameter with a control character a 400 naming
 * it. The body is kept as it is read, so a malformed one can be re-read to name every faulty field.
 */
public class RequestGuard extends OncePerRequestFilter {

    private final InputPolicy policy;

    public RequestGuard(InputPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = policy.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            tooLarge(response);
            return;
        }
        ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, (int) limit) {
            @Override
            protected void handleContentOverflow(int contentCacheLimit) {
                throw new BodyTooLarge();
            }
        };
        if (request.getQueryString() != null) {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                for (String value : parameter.getValue()) {
                    if (StrictJson.hasControlCharacter(value) || StrictJson.hasControlCharacter(parameter.getKey())) {
                        ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "invalid-request",
                                "control characters are not allowed", parameter.getKey());
                        return;
                    }
                }
            }
        }
        try {
            chain.doFilter(cached, response);
        } catch (BodyTooLarge e) {
            tooLarge(response);
        }
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                "The request body is larger than " + policy.maxBodySize().toKilobytes() + " KB", null);
    }

    /** Thrown from the body stream once it passes the cap; answered 413 by the guard or the problem handler. */
    public static class BodyTooLarge extends RuntimeException {
        public BodyTooLarge() {
            super("request body over the configured cap", null, false, false);
        }
    }
}
