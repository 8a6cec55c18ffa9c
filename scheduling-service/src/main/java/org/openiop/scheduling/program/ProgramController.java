package org.openiop.scheduling.program;

import java.net.URI;
import java.util.UUID;

import org.openiop.scheduling.web.PageOf;
import org.openiop.scheduling.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** Program settings: time zone, minimums, blocks, capacity. */
@RestController
@RequestMapping("/api/programs")
class ProgramController {

    private final ProgramService service;
    private final ProgramRepository programs;

    ProgramController(ProgramService service, ProgramRepository programs) {
        this.service = service;
        this.programs = programs;
    }

    @PostMapping
    ResponseEntity<Program> create(@Valid @RequestBody ProgramRequest request) {
        Program program = service.create(request);
        return ResponseEntity.created(URI.create("/api/programs/" + program.id())).body(program);
    }

    @PutMapping("/{programId}")
    Program update(@PathVariable UUID programId, @Valid @RequestBody ProgramRequest request) {
        return service.update(programId, request);
    }

    @GetMapping("/{programId}")
    Program get(@PathVariable UUID programId) {
        return programs.get(programId, "programId");
    }

    /** Programs by name, a page at a time; {@code search} keeps those whose name contains it (case-insensitive). */
    @GetMapping
    PageOf<Program> list(@RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        Paging paging = new Paging(page, size);
        String term = search == null || search.isBlank() ? null : search.strip();
        return paging.of(programs.page(term, size, paging.offset()), programs.count(term));
    }
}
