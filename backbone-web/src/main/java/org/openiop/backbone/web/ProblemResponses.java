package org.openiop.backbone.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * problem+json written by servlet filters and Tomcat's error valve, which run outside Spring MVC's advice: the same
 * {@code type}, {@code code} and {@code errors} shape as {@link ApiProblemHandler}.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static String json(HttpStatus status, String code, String detail, String field) {
        StringBuilder json = new StringBuilder("{\"type\":\"https://openiop.org/problems/").append(code)
                .append("\",\"title\":\"").append(status.getReasonPhrase()).append("\",\"status\":")
                .append(status.value()).append(",\"detail\":\"").append(quote(detail)).append("\",\"code\":\"")
                .append(code).append('"');
        if (field != null) {
            json.append(",\"errors\":[{\"field\":\"").append(quote(field)).append("\",\"message\":\"")
                    .append(quote(detail)).append("\"}]");
        }
        return json.append('}').toString();
    }

    public static void write(HttpServletResponse response, HttpStatus status, String code, String detail,
            String field) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status, code, detail, field));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder();
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.toString();
    }
}
