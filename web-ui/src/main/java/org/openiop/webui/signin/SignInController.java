package org.openiop.webui.signin;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the landing page that sends each role to its work. */
@Controller
class SignInController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Authentication user) {
        boolean staff = has(user, "ROLE_STAFF");
        boolean officer = has(user, "ROLE_COMPLIANCE_OFFICER");
        if (staff) {
            return "redirect:/staff";
        }
        return officer ? "redirect:/officer" : "home";
    }

    private static boolean has(Authentication user, String authority) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }
}
