package org.openiop.webui.signin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page (each role's home page is in org.openiop.webui.home). */
@Controller
class SignInController {

    private final boolean oidc;

    SignInController(ObjectProvider<ClientRegistrationRepository> registrations) {
        this.oidc = registrations.getIfAvailable() != null;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("oidc", oidc);
        return "login";
    }
}
