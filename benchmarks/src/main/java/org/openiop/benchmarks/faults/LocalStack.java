package org.openiop.benchmarks.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform deploy/local/start runs, driven through its own scripts (same environment: ports, IOP_RUN_DIR). A kill
 * is SIGKILL to the pid the script recorded; a restart is deploy/local/start --no-build, which starts only what is
 * not running and returns once it is up.
 */
final class LocalStack {

    private final Path scripts;
    private final Path pids;

    LocalStack(Path scripts, Path runDir) {
        this.scripts = scripts;
        this.pids = runDir.resolve("pids");
    }

    /** kill -9 of one component (kafka, postgres, attendance, notification, ...). */
    void kill(String name) throws IOException {
        long pid = Long.parseLong(Files.readString(pids.resolve(name + ".pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is not running"));
        process.destroyForcibly(); // SIGKILL
        process.onExit().join();
    }

    /** Starts whatever is not running and waits until it is up. */
    void startMissing() throws IOException, InterruptedException {
        run("start", "--no-build");
    }

    /** Stops the named components gracefully (SIGTERM), e.g. to let their consumer groups go empty. */
    void stop(String... names) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(names));
        run("stop", args.toArray(String[]::new));
    }

    private void run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(scripts.resolve(script).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("deploy/local/" + script + " failed (exit " + process.exitValue() + ")");
        }
    }
}
