package org.openiop.backbone.security;

import java.io.IOException;
import java.util.Set;

import org.openiop.backbone.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The services' APIs keep no session, so no cookie authenticates anything; but a browser also replays cached HTTP
 * Basic credentials on a cross-site form post. A state-changing request that a browser marks as coming from another
 * site ({@code Sec-Fetch-Site}) or whose {@code Origin} is not this service's own (nor one of
 * {@code iop.security.allowed-origins}) is refused with 403 before any credential is looked at. Server-to-server
 * callers (the front door, the SMS provider) send neither header and pass.
 */
public class CrossSiteGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowedOrigins;

    public CrossSiteGuard(Set<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE.contains(request.getMethod()) && crossSite(request)) {
            ProblemResponses.write(response, HttpStatus.FORBIDDEN, "cross-site-request",
                    "Requests from another site cannot change anything here.", null);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String own = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
        return !origin.equalsIgnoreCase(own) && !allowedOrigins.contains(origin);
    }
}
