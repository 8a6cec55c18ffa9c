package org.openiop.webui.home;

import java.util.ArrayList;
import java.util.List;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.Gather;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.workspace.Workspace;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpSession;

/**
 * The program switcher: the user's own programs first, then any program found by name, a page at a time (the
 * service pages and searches; the front door never loads the whole list).
 */
@Controller
class ProgramPages {

    static final int PAGE_SIZE = 20;

    private final ProgramDirectory directory;
    private final Workspace workspace;
    private final Gather gather;

    ProgramPages(ProgramDirectory directory, Workspace workspace, Gather gather) {
        this.gather = gather;
        this.directory = directory;
        this.workspace = workspace;
    }

    @GetMapping("/programs")
    String programs(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            Authentication user, Model model) {
        int p = Math.max(0, page);
        Api.PageOf<Api.Program> found = directory.programs(q, p, PAGE_SIZE);
        model.addAttribute("mine", myPrograms(user.getName()));
        model.addAttribute("found", found);
        model.addAttribute("q", q);
        model.addAttribute("page", p);
        model.addAttribute("hasNext", (long) (p + 1) * PAGE_SIZE < found.totalItems());
        model.addAttribute("pages", pages(found.totalItems()));
        return "programs";
    }

    /** Work in this program from now on (kept across sign-ins), then back to the role's home page. */
    @PostMapping("/programs/current")
    String choose(@RequestParam String programId, @RequestParam(required = false) String then, Authentication user,
            HttpSession session, RedirectAttributes redirect) {
        Workspace.Current current = workspace.choose(user.getName(), session, programId);
        redirect.addFlashAttribute("notice", "You are working in " + current.name() + ".");
        // only our own pages: an absolute or protocol-relative target would make this an open redirect
        return "redirect:" + (then != null && then.startsWith("/") && !then.startsWith("//") ? then : "/");
    }

    /** How many pages of {@link #PAGE_SIZE} hold {@code total} programs (at least one). */
    static long pages(long total) {
        return Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    List<Api.Program> myPrograms(String username) {
        List<Api.Program> programs = new ArrayList<>();
        // looked up side by side (the few the workspace keeps), kept in the order the user last chose them
        List<String> ids = workspace.programIds(username);
        List<Gather.Pending<Api.Program>> lookups = ids.stream().map(id -> gather.start(() -> directory.program(id)))
                .toList();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            try {
                programs.add(lookups.get(i).get());
            } catch (ServiceProblem e) {
                if (e.status() != 404) {
                    throw e;
                }
                workspace.forget(username, id);
            }
        }
        return programs;
    }
}
