package org.openiop.testsupport.modules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which tables a service declares (its Flyway migrations) and which of them a Java source file names in SQL. The SQL
 * of this project lives in string literals and text blocks passed to JdbcTemplate / JdbcClient; compiled class files
 * do not expose those constants to ArchUnit, so the source text is read. A table counts as used where it follows
 * {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}, {@code TABLE}, {@code USING}, {@code COPY} or
 * {@code TRUNCATE}, with or without its schema. Comments are ignored. Not seen: a table name assembled at run time,
 * or the second table of an old-style comma join ({@code FROM a, b}).
 */
public final class SqlTables {

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)\\bcreate\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?(?:\\w+\\.)?(\\w+)");
    private static final Pattern DROP_TABLE = Pattern.compile(
            "(?i)\\bdrop\\s+table\\s+(?:if\\s+exists\\s+)?(?:\\w+\\.)?(\\w+)");
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?view\\s+(?:if\\s+not\\s+exists\\s+)?(?:\\w+\\.)?(\\w+)");
    private static final Pattern DROP_VIEW = Pattern.compile(
            "(?i)\\bdrop\\s+view\\s+(?:if\\s+exists\\s+)?(?:\\w+\\.)?(\\w+)");
    // In order, so a quote inside a comment or a comment marker inside a string is read as what it is.
    private static final Pattern JAVA_TOKENS = Pattern.compile(
            "\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"|'(?:[^'\\\\]|\\\\.)+'|//[^\\n]*|/\\*.*?\\*/",
            Pattern.DOTALL);
    private static final Pattern TABLE_AFTER_KEYWORD = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table|using|copy|truncate)\\s+(?:only\\s+)?(?:\"?\\w+\"?\\.)?\"?(\\w+)");

    private SqlTables() {
    }

    /** Tables created (and not dropped again) by the migrations under a directory, e.g. src/main/resources/db. */
    public static SortedSet<String> declaredIn(Path migrations) {
        return createdIn(migrations, CREATE_TABLE, DROP_TABLE);
    }

    /**
     * Views created (and not dropped again) by the migrations under a directory: the read-only SQL a feature package
     * publishes for the others (see {@link FeatureModules}).
     */
    public static SortedSet<String> viewsDeclaredIn(Path migrations) {
        return createdIn(migrations, CREATE_VIEW, DROP_VIEW);
    }

    /**
     * The tables each view created by the migrations reads (its statement up to the next semicolon), so a published
     * view can be checked to read only its owner's tables.
     */
    public static java.util.SortedMap<String, SortedSet<String>> viewReads(Path migrations, Set<String> knownTables) {
        java.util.SortedMap<String, SortedSet<String>> reads = new java.util.TreeMap<>();
        for (String text : migrationTexts(migrations)) {
            Matcher view = CREATE_VIEW.matcher(text);
            while (view.find()) {
                int end = text.indexOf(';', view.end());
                String body = text.substring(view.end(), end < 0 ? text.length() : end).replaceAll("--[^\\n]*", "");
                SortedSet<String> used = new TreeSet<>();
                TABLE_AFTER_KEYWORD.matcher(body).results().map(m -> m.group(1).toLowerCase(Locale.ROOT))
                        .filter(knownTables::contains).forEach(used::add);
                reads.put(view.group(1).toLowerCase(Locale.ROOT), used);
            }
        }
        return reads;
    }

    private static java.util.List<String> migrationTexts(Path migrations) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        if (!Files.isDirectory(migrations)) {
            return texts;
        }
        try (Stream<Path> files = Files.walk(migrations)) {
            for (Path sql : files.filter(p -> p.toString().endsWith(".sql")).sorted(SqlTables::byFlywayVersion)
                    .toList()) {
                texts.add(Files.readString(sql));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    private static SortedSet<String> createdIn(Path migrations, Pattern create, Pattern drop) {
        SortedSet<String> names = new TreeSet<>();
        for (String text : migrationTexts(migrations)) {
            create.matcher(text).results().forEach(m -> names.add(m.group(1).toLowerCase(Locale.ROOT)));
            drop.matcher(text).results().forEach(m -> names.remove(m.group(1).toLowerCase(Locale.ROOT)));
        }
        return names;
    }

    /** The known tables a Java source file names in the SQL of its string literals and text blocks. */
    public static SortedSet<String> usedBy(String javaSource, Set<String> knownTables) {
        StringBuilder literals = new StringBuilder();
        Matcher token = JAVA_TOKENS.matcher(javaSource);
        while (token.find()) {
            String text = token.group(1) != null ? token.group(1) : token.group(2);
            if (text != null) {
                // Joined with a space: "select * from " + "booking" still reads as one statement.
                literals.append(text.replace("\\n", "\n")).append(' ');
            }
        }
        SortedSet<String> used = new TreeSet<>();
        Matcher table = TABLE_AFTER_KEYWORD.matcher(literals);
        while (table.find()) {
            String name = table.group(1).toLowerCase(Locale.ROOT);
            if (knownTables.contains(name)) {
                used.add(name);
            }
        }
        return used;
    }

    private static int byFlywayVersion(Path a, Path b) {
        return compareVersions(version(a), version(b));
    }

    private static String version(Path file) {
        String name = file.getFileName().toString();
        int sep = name.indexOf("__");
        return sep > 1 ? name.substring(1, sep) : name;
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("[._]");
        String[] y = b.split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long parse(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
