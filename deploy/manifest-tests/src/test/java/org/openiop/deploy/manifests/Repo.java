package org.openiop.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the repository is, and the files the checks read from it. */
final class Repo {

    /** The three services, by module directory name. */
    static final List<String> SERVICES = List.of("scheduling-service", "attendance-service", "notification-service");

    /** The directories whose every YAML/JSON file is a manifest. */
    static final List<String> MANIFEST_DIRS = List.of("deploy/compose", "deploy/k8s", "deploy/observability");

    private static final Path ROOT = findRoot();

    private Repo() {
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files under a directory of the repository whose name ends with one of the suffixes, sorted. */
    static List<Path> files(String dir, String... suffixes) {
        Path start = path(dir);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(start)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        // Surefire runs in the module directory (deploy/manifest-tests); walk up to the directory holding mvnw + deploy.
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("deploy"))
                    && Files.isDirectory(p.resolve("backbone-web"))) {
                return p;
            }
        }
        throw new IllegalStateException("No OpenIOP repository above " + dir);
    }
}
