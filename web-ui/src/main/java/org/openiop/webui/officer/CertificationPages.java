package org.openiop.webui.officer;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.Gather;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.openiop.webui.workspace.Workspace;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Certifications due: across the officer's programs, whose physician certification of need runs out soon or has run
 * out (payers stop paying for days after it), soonest first.
 */
@Controller
class CertificationPages {

    /** The choices of "due within", in days; 14 is the service's own default. */
    static final List<Integer> WITHIN = List.of(7, 14, 30, 60);

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final Workspace workspace;
    private final Gather gather;

    CertificationPages(Services.Apis apis, ProgramDirectory directory, Workspace workspace, Gather gather) {
        this.apis = apis;
        this.directory = directory;
        this.workspace = workspace;
        this.gather = gather;
    }

    /** One program's calls, under way. */
    private record Asked(String programId, Gather.Pending<Api.Program> program,
            Gather.Pending<List<Api.Certification>> due) {
    }

    /** One certification due, with the names an officer reads and whether the date has passed in its program. */
    record Due(Api.Certification certification, String clientName, Api.Program program, boolean overdue,
            long daysLeft) {
    }

    @GetMapping("/officer/certifications")
    String due(@RequestParam(defaultValue = "14") int within, Principal user, Model model) {
        int days = WITHIN.contains(within) ? within : 14;
        List<Due> due = new ArrayList<>();
        List<Api.Program> programs = new ArrayList<>();
        // every program's calls side by side: the page takes the slowest program's time, not the sum; names are
        // asked only of the programs that have someone due
        List<Asked> asked = workspace.programIds(user.getName()).stream().map(programId -> new Asked(programId,
                gather.start(() -> directory.program(programId)),
                gather.start(() -> apis.attendance().get(new ParameterizedTypeReference<List<Api.Certification>>() { },
                        b -> b.path("/api/certifications/due").queryParam("programId", programId)
                                .queryParam("withinDays", days).build())))).toList();
        List<Api.Program> found = new ArrayList<>();
        List<List<Api.Certification>> dueIn = new ArrayList<>();
        List<Gather.Pending<Map<String, String>>> namesIn = new ArrayList<>();
        for (Asked a : asked) {
            try {
                found.add(a.program().get());
            } catch (ServiceProblem e) {
                continue; // a program removed since it was chosen
            }
            List<Api.Certification> certifications = a.due().get();
            dueIn.add(certifications);
            namesIn.add(certifications.isEmpty() ? null : gather.start(() -> directory.clientNames(a.programId())));
        }
        for (int i = 0; i < found.size(); i++) {
            Api.Program program = found.get(i);
            programs.add(program);
            LocalDate today = LocalDate.now(ZoneId.of(program.timeZone()));
            Map<String, String> names = namesIn.get(i) == null ? Map.of() : namesIn.get(i).get();
            dueIn.get(i).forEach(c -> due.add(new Due(c, names.getOrDefault(c.clientId(), "Client"), program,
                    c.dueDate().isBefore(today), java.time.temporal.ChronoUnit.DAYS.between(today, c.dueDate()))));
        }
        due.sort(Comparator.comparing((Due d) -> d.certification().dueDate()).thenComparing(Due::clientName));
        model.addAttribute("due", due);
        model.addAttribute("programs", programs);
        model.addAttribute("within", days);
        model.addAttribute("choices", WITHIN);
        return "officer/certifications";
    }
}
