package org.openiop.scheduling.program;

import java.time.Clock;
import java.time.DayOfWeek;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.events.ProgramConfigured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ProgramService {

    private final ProgramRepository programs;
    private final OutboxWriter outbox;
    private final Clock clock;

    ProgramService(ProgramRepository programs, OutboxWriter outbox, Clock clock) {
        this.programs = programs;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Program create(ProgramRequest request) {
        Program program = toProgram(UUID.randomUUID(), request);
        programs.save(program, true);
        outbox.append(configured(program));
        return program;
    }

    @Transactional
    public Program update(UUID id, ProgramRequest request) {
        programs.lockForClosure(id);
        Program program = toProgram(id, request);
        programs.save(program, false);
        outbox.append(configured(program));
        return program;
    }

    private static Program toProgram(UUID id, ProgramRequest r) {
        List<BlockTemplate> blocks = r.blocks() == null ? BlockTemplate.DEFAULTS
                : r.blocks().stream().map(b -> new BlockTemplate(b.name(), b.startTime(), b.endTime())).toList();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            BlockTemplate b = blocks.get(i);
            if (!b.endTime().isAfter(b.startTime())) {
                throw invalidBlock("blocks[" + i + "].endTime", "endTime must be after startTime");
            }
            if (!names.add(b.name())) {
                throw invalidBlock("blocks[" + i + "].name", "block name " + b.name() + " is used twice");
            }
        }
        return new Program(id, r.name(), r.timeZone(), r.locationLabel(), r.phone(),
                ProgramRequest.or(r.weekStart(), DayOfWeek.MONDAY), ProgramRequest.or(r.adultMinimumMinutes(), 540),
                ProgramRequest.or(r.adolescentMinimumMinutes(), 360), ProgramRequest.or(r.noShowGraceMinutes(), 60),
                ProgramRequest.or(r.dailyThresholdMinutes(), 180), ProgramRequest.or(r.stepDownAllowanceWeeks(), 2),
                ProgramRequest.or(r.defaultGroupCapacity(), 12), blocks);
    }

    // RuleViolation.invalid puts the field into the problem type URI, where "[" is illegal
    private static RuleViolation invalidBlock(String field, String detail) {
        return new RuleViolation(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid-blocks", detail,
                List.of(new RuleViolation.FieldProblem(field, detail)));
    }

    private ProgramConfigured configured(Program p) {
        return ProgramConfigured.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant())
                .setProgramId(p.id().toString()).setTimeZone(p.timeZone()).setWeekStart(p.weekStart().name())
                .setAdultMinimumMinutes(p.adultMinimumMinutes())
                .setAdolescentMinimumMinutes(p.adolescentMinimumMinutes())
                .setNoShowGraceMinutes(p.noShowGraceMinutes()).setDailyThresholdMinutes(p.dailyThresholdMinutes())
                .setStepDownAllowanceWeeks(p.stepDownAllowanceWeeks()).setLocationLabel(p.locationLabel())
                .setPhone(p.phone()).setName(p.name()).build();
    }
}
