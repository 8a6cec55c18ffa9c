package org.openiop.webui.signin;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.openiop.backbone.security.SignInThrottle;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The front door's sign-in form is throttled like the services' HTTP Basic (the backbone's {@link SignInThrottle}
 * counts the failures the form login reports, per user name and per address): while a user or address is locked, a
 * sign-in is not even tried and the page says how long to wait. A servlet filter just ahead of Spring Security's
 * chain, so the pages' security configuration is left as it is.
 */
@Configuration(proxyBeanMethods = false)
class SignInThrottling {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> formSignInThrottle(SignInThrottle throttle) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                Optional<Duration> wait = throttle.lockedFor(request.getParameter("username"),
                        request.getRemoteAddr());
                if (wait.isPresent()) {
                    response.sendRedirect(request.getContextPath() + "/login?locked="
                            + Math.max(1, wait.get().toSeconds()));
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
