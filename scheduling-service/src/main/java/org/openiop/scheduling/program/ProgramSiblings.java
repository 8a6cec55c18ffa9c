package org.openiop.scheduling.program;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sibling programs (issue 17): an admin names, per program, the other programs its clients may also attend. The
 * permission is directed (program -> sibling): clients of A may take sessions of B once A lists B; B's clients need
 * B's own list. The booking trigger enforces it (V41_2); make-up options search the client's program and its siblings.
 */
@Service
public class ProgramSiblings {

    static final int MAX_SIBLINGS = 20;

    private final ProgramSiblingRepository siblings;
    private final ProgramRepository programs;
    private final AuditTrail audit;

    ProgramSiblings(ProgramSiblingRepository siblings, ProgramRepository programs, AuditTrail audit) {
        this.siblings = siblings;
        this.programs = programs;
        this.audit = audit;
    }

    /** The programs whose sessions clients of {@code programId} may also book, by name. */
    public List<UUID> of(UUID programId) {
        return siblings.of(programId);
    }

    /** Replaces the list; every id is checked first, so a bad one stores nothing. */
    @Transactional
    public List<UUID> replace(UUID programId, List<UUID> wanted, String actor) {
        programs.get(programId, "programId");
        List<RuleViolation.FieldProblem> problems = new ArrayList<>();
        if (wanted.size() > MAX_SIBLINGS) {
            problems.add(new RuleViolation.FieldProblem("siblingIds", "at most " + MAX_SIBLINGS + " programs"));
        }
        for (int i = 0; i < wanted.size(); i++) {
            UUID id = wanted.get(i);
            String field = "siblingIds[" + i + "]";
            if (id == null) {
                problems.add(new RuleViolation.FieldProblem(field, "must not be null"));
            } else if (id.equals(programId)) {
                problems.add(new RuleViolation.FieldProblem(field, "a program cannot be its own sibling"));
            } else if (programs.find(id).isEmpty()) {
                problems.add(new RuleViolation.FieldProblem(field, "program " + id + " does not exist"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleViolation(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-siblings",
                    "Sibling programs must be other existing programs", problems);
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(wanted));
        siblings.lock(programId);
        siblings.replace(programId, distinct, actor);
        audit.record("CHANGE", "program-siblings", null, "program " + programId + " siblings " + distinct);
        return siblings.of(programId);
    }
}
