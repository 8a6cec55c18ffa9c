package org.openiop.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Local-run helper for deploy/local/start.
 *
 * <pre>
 *   run       --port P --data-dir D [--work-dir W] [--database DB]
 *             starts an embedded PostgreSQL (trust auth, user postgres) on 127.0.0.1:P with its data in D, creates DB
 *             if missing, prints "EMBEDDED_POSTGRES_READY port=P" and stays in the foreground until SIGTERM/SIGINT,
 *             then stops PostgreSQL. An existing data directory is reused.
 *   create-db --port P [--host H] [--user U] [--password X] [--database DB]
 *             creates DB on an already running server if missing (for machines without psql), then exits.
 * </pre>
 */
public final class EmbeddedPostgresMain {

    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String mode = args[0];
        int port = 5432;
        String host = "127.0.0.1";
        String user = "postgres";
        String password = "";
        String database = "openiop";
        File dataDir = null;
        File workDir = null;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(require(value, args[i]));
                case "--host" -> host = require(value, args[i]);
                case "--user" -> user = require(value, args[i]);
                case "--password" -> password = require(value, args[i]);
                case "--database" -> database = require(value, args[i]);
                case "--data-dir" -> dataDir = new File(require(value, args[i])).getAbsoluteFile();
                case "--work-dir" -> workDir = new File(require(value, args[i])).getAbsoluteFile();
                default -> usage();
            }
            i++;
        }
        switch (mode) {
            case "run" -> run(port, dataDir, workDir, database);
            case "create-db" -> {
                createDatabase(host, port, user, password, database);
                System.out.println("database " + database + " present on " + host + ":" + port);
            }
            default -> usage();
        }
    }

    private static void run(int port, File dataDir, File workDir, String database) throws Exception {
        if (dataDir == null) {
            usage();
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                // a durable local database, unlike the library's test-oriented default of "off"
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT);
        if (workDir != null) {
            builder.setOverrideWorkingDirectory(workDir);
        }
        EmbeddedPostgres postgres = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping embedded PostgreSQL on port " + port);
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("while stopping embedded PostgreSQL: " + e);
            }
            stopped.countDown();
            System.out.println("embedded PostgreSQL stopped");
        }, "embedded-postgres-stop"));

        createDatabase("127.0.0.1", port, "postgres", "", database);
        System.out.println("EMBEDDED_POSTGRES_READY port=" + port + " database=" + database
                + " data-dir=" + dataDir);
        System.out.flush();
        stopped.await();
    }

    static void createDatabase(String host, int port, String user, String password, String database)
            throws SQLException {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("unsupported database name: " + database);
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
            }
        }
    }

    private static String require(String value, String option) {
        if (value == null) {
            System.err.println("missing value for " + option);
            usage();
        }
        return value;
    }

    private static void usage() {
        System.err.println("usage: EmbeddedPostgresMain run --port P --data-dir D [--work-dir W] [--database DB]\n"
                + "       EmbeddedPostgresMain create-db --port P [--host H] [--user U] [--password X] [--database DB]");
        System.exit(2);
    }
}
