package org.openiop.webui;

import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.workspace.Workspace;
import org.openiop.webui.signin.ServiceCredentials;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What every page knows (who is signed in, which sections they may open) and how failures read. Ahead of the
 * backbone's problem+json handler: a person in a browser gets a page, not a JSON document.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    private final Workspace workspace;

    PageAdvice(Workspace workspace) {
        this.workspace = workspace;
    }

    @ModelAttribute
    void signedIn(Model model, Authentication user, HttpServletRequest request) {
        if (user == null || !user.isAuthenticated() || "anonymousUser".equals(user.getName())) {
            return;
        }
        model.addAttribute("userName", user.getName());
        model.addAttribute("isAdmin", has(user, "ROLE_ADMIN"));
        try {
            workspace.current(user.getName(), request.getSession(false))
                    .ifPresent(current -> model.addAttribute("currentProgram", current));
        } catch (RuntimeException e) {
            // the header's program name is a convenience: a page still renders when it cannot be looked up
        }
        model.addAttribute("isStaff", has(user, "ROLE_STAFF") || has(user, "ROLE_ADMIN"));
        model.addAttribute("isOfficer", has(user, "ROLE_COMPLIANCE_OFFICER") || has(user, "ROLE_ADMIN"));
    }

    /** A page whose data a service refused: its problem document, in words, with the service's status. */
    @ExceptionHandler(ServiceProblem.class)
    String serviceProblem(ServiceProblem e, Model model, HttpServletRequest request, HttpServletResponse response,
            Authentication user) {
        signedIn(model, user, request);
        response.setStatus(e.status() >= 400 && e.status() < 600 ? e.status() : HttpStatus.BAD_GATEWAY.value());
        model.addAttribute("problem", e.problem());
        return "problem";
    }

    /** An address that leads nowhere, or a malformed one: the styled "not found" or "bad request" page. */
    @ExceptionHandler({ NoResourceFoundException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class, HttpRequestMethodNotSupportedException.class })
    String notFound(Exception e, Model model, HttpServletRequest request, HttpServletResponse response,
            Authentication user) {
        signedIn(model, user, request);
        int status = e instanceof NoResourceFoundException ? 404
                : e instanceof HttpRequestMethodNotSupportedException ? 405 : 400;
        response.setStatus(status);
        model.addAttribute("status", status);
        return "error";
    }

    /** The session expired or lost its credentials: sign in again. */
    @ExceptionHandler(ServiceCredentials.NotSignedIn.class)
    String notSignedIn(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            request.getSession(false).invalidate();
        }
        return "redirect:/login?expired";
    }

    private static boolean has(Authentication user, String authority) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }
}
