package org.openiop.backbone.security;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import jakarta.servlet.http.HttpServletResponse;

/**
 * 401 and 403 on the JSON API as RFC 9457 problem+json, like every other error an API caller can meet, with the
 * same {@code type} and {@code code} convention as {@code ApiProblemHandler}. A 401 keeps its
 * {@code WWW-Authenticate} challenge. The texts are fixed: nothing from the request is echoed back.
 */
public final class SecurityProblems {

    private SecurityProblems() {
    }

    /** @param challenge the WWW-Authenticate value, e.g. {@code Basic realm="OpenIOP"} or {@code Bearer} */
    public static AuthenticationEntryPoint unauthenticated(String challenge) {
        return (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
            boolean link = request.getHeader(ClientLinkVerifier.HEADER) != null
                    || request.getParameter(ClientLinkVerifier.PARAMETER) != null;
            write(response, HttpStatus.UNAUTHORIZED, link ? "client-link-invalid" : "unauthenticated",
                    link ? "This link has expired or was withdrawn. Please ask the program for a new one."
                            : "Sign-in is required: send valid credentials.");
        };
    }

    public static AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, "forbidden",
                "Your role does not allow this request.");
    }

    private static void write(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        // Fixed ASCII texts without quotes or backslashes, so plain concatenation is valid JSON.
        response.getWriter().write("{\"type\":\"https://openiop.org/problems/" + code + "\",\"title\":\""
                + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail
                + "\",\"code\":\"" + code + "\"}");
    }
}
