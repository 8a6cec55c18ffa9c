package org.openiop.webui.workspace;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpSession;

/**
 * The program a user is working in: the one they chose last (kept across sign-ins in {@link MyProgramRepository}), with its
 * name cached in the HTTP session so the switcher in every page's header costs no service call.
 */
@Component
public class Workspace {

    /** What the header shows; identifiers and the program's name only. */
    public record Current(String id, String name) implements Serializable {
    }

    static final String SESSION_KEY = Workspace.class.getName();

    private final MyProgramRepository mine;
    private final ProgramDirectory directory;

    Workspace(MyProgramRepository mine, ProgramDirectory directory) {
        this.mine = mine;
        this.directory = directory;
    }

    public Optional<Current> current(String username, HttpSession session) {
        if (session != null && session.getAttribute(SESSION_KEY) instanceof Current current) {
            return Optional.of(current);
        }
        for (String id : mine.of(username)) {
            try {
                Api.Program program = directory.program(id);
                Current current = new Current(program.id(), program.name());
                if (session != null) {
                    session.setAttribute(SESSION_KEY, current);
                }
                return Optional.of(current);
            } catch (ServiceProblem e) {
                if (e.status() != 404) {
                    throw e;
                }
                mine.forget(username, id); // the program is gone: fall back to the one chosen before it
            }
        }
        return Optional.empty();
    }

    /** The programs the user works in, the last chosen first (up to {@code MyProgramRepository.KEPT}). */
    public List<String> programIds(String username) {
        return mine.of(username);
    }

    /** Takes a program off the user's list (it no longer exists). */
    public void forget(String username, String programId) {
        mine.forget(username, programId);
    }

    public Current choose(String username, HttpSession session, String programId) {
        Api.Program program = directory.program(programId); // refuses an unknown program before it is kept
        mine.choose(username, program.id());
        Current current = new Current(program.id(), program.name());
        session.setAttribute(SESSION_KEY, current);
        return current;
    }
}
