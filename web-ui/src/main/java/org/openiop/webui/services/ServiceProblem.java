package org.openiop.webui.services;

/** A service answered with an error; the page shows its problem document rather than a stack trace. */
public class ServiceProblem extends RuntimeException {

    private final int status;
    private final transient Problem problem;

    public ServiceProblem(int status, Problem problem) {
        super("service answered " + status + (problem != null && problem.code() != null ? " " + problem.code() : ""));
        this.status = status;
        this.problem = problem != null ? problem
                : new Problem("Error " + status, "The service answered with status " + status, null, status, null);
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }
}
