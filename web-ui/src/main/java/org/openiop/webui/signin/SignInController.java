package org.openiop.webui.signin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page (each role's home page is in org.openiop.webui.home). */
@Controller
class SignInController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
