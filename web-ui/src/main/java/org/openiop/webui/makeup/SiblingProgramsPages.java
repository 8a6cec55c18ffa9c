package org.openiop.webui.makeup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A program's sibling programs (administrators, under /admin): the other programs whose sessions this program's
 * clients may also book, so make-up options search them too. One-way: the other program's own list decides the reverse.
 */
@Controller
class SiblingProgramsPages {

    static final int LISTED = 50;

    record Sibling(String id, String name) {
    }

    record Siblings(String programId, List<Sibling> siblings) {
    }

    /** One program the admin may tick; {@code sibling} when it is on the list today. */
    record Choice(String id, String name, boolean sibling) {
    }

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    SiblingProgramsPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    @GetMapping("/admin/programs/{programId}/siblings")
    String page(@PathVariable String programId, @RequestParam(required = false) String q, Model model) {
        Siblings current = apis.scheduling().get(Siblings.class, "/api/programs/{id}/siblings", programId);
        fill(model, programId, q, current.siblings().stream().map(Sibling::id).collect(Collectors.toSet()));
        return "admin/siblings";
    }

    @PostMapping("/admin/programs/{programId}/siblings")
    String save(@PathVariable String programId, @RequestParam(name = "siblingIds", required = false) List<String> ids,
            Model model, RedirectAttributes redirect) {
        List<String> chosen = ids == null ? List.of() : ids;
        Siblings saved;
        try {
            saved = apis.scheduling().put(Siblings.class, Map.of("siblingIds", chosen),
                    "/api/programs/{id}/siblings", programId);
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("problem", e.problem());
            fill(model, programId, null, Set.copyOf(chosen));
            return "admin/siblings";
        }
        redirect.addFlashAttribute("notice", saved.siblings().isEmpty()
                ? "Clients of this program book only its own sessions."
                : "Clients of this program may also book sessions of "
                        + saved.siblings().stream().map(Sibling::name).collect(Collectors.joining(", ")) + ".");
        return "redirect:/admin/programs/" + programId + "/siblings";
    }

    /** The siblings first (always listed, so unticking one is explicit), then a page of the other programs by name. */
    private void fill(Model model, String programId, String q, Set<String> siblings) {
        Map<String, Choice> choices = new LinkedHashMap<>();
        for (String id : siblings) {
            Api.Program p = directory.program(id);
            choices.put(id, new Choice(id, p.name(), true));
        }
        for (Api.Program p : directory.programPage(q, 0, LISTED).items()) {
            if (!p.id().equals(programId)) {
                choices.putIfAbsent(p.id(), new Choice(p.id(), p.name(), false));
            }
        }
        model.addAttribute("program", directory.program(programId));
        model.addAttribute("choices", new ArrayList<>(choices.values()));
        model.addAttribute("q", q);
    }
}
