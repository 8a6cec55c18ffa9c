package org.openiop.webui.client;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * TODO(issue 6, client page): the client's personal page reached from a signed, expiring link in reminders
 * (upcoming sessions, .ics feed, reminder preferences). It needs notification-service's signed-link API, which does
 * not exist yet; until then this page only explains what will be here.
 */
@Controller
class ClientPage {

    @GetMapping("/client")
    String todo() {
        return "client-todo";
    }
}
