package org.openiop.webui.staff;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A client's recurring series: fill in, preview every day (nothing saved), then book it. */
@Controller
class SeriesPages {

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final WeekBoardPages board;

    SeriesPages(Services.Apis apis, ProgramDirectory directory, WeekBoardPages board) {
        this.apis = apis;
        this.directory = directory;
        this.board = board;
    }

    @GetMapping("/staff/programs/{programId}/series/new")
    String form(@PathVariable String programId, @RequestParam(required = false) String clientId, Model model) {
        Api.Program program = directory.program(programId);
        SeriesForm form = new SeriesForm();
        form.setClientId(clientId);
        form.setStartDate(LocalDate.now(ZoneId.of(program.timeZone())).toString());
        fill(model, program, form);
        return "staff/series";
    }

    @PostMapping("/staff/programs/{programId}/series/preview")
    String preview(@PathVariable String programId, @ModelAttribute("form") SeriesForm form, Model model) {
        Api.Program program = directory.program(programId);
        fill(model, program, form);
        try {
            model.addAttribute("preview", apis.scheduling().post(Api.SeriesReport.class, form.toRequest(),
                    "/api/programs/{id}/series/preview", programId));
        } catch (ServiceProblem e) {
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", org.openiop.webui.services.PlainErrors.of(e.problem()));
        }
        return "staff/series";
    }

    @PostMapping("/staff/programs/{programId}/series")
    String commit(@PathVariable String programId, @ModelAttribute("form") SeriesForm form, Model model) {
        Api.Program program = directory.program(programId);
        fill(model, program, form);
        try {
            model.addAttribute("result", apis.scheduling().post(Api.SeriesReport.class, form.toRequest(),
                    "/api/programs/{id}/series", programId));
        } catch (ServiceProblem e) {
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", org.openiop.webui.services.PlainErrors.of(e.problem()));
        }
        return "staff/series";
    }

    private void fill(Model model, Api.Program program, SeriesForm form) {
        model.addAttribute("program", program);
        model.addAttribute("form", form);
        model.addAttribute("days", Arrays.stream(DayOfWeek.values()).map(Enum::name).toList());
        model.addAttribute("types", List.of("GROUP", "INDIVIDUAL", "FAMILY"));
        model.addAttribute("clinicians", directory.clinicians(program.id()));
        model.addAttribute("rooms", directory.rooms(program.id()));
        if (form.getClientId() != null && !form.getClientId().isBlank()) {
            try {
                model.addAttribute("client", directory.client(form.getClientId()));
                LocalDate from = form.getStartDate() == null || form.getStartDate().isBlank() ? null
                        : LocalDate.parse(form.getStartDate());
                model.addAttribute("planned", board.plannedWeek(form.getClientId(), from));
            } catch (ServiceProblem | java.time.format.DateTimeParseException e) {
                // an unknown client or a mistyped date: the service's own error says so when previewing
            }
        }
    }
}
