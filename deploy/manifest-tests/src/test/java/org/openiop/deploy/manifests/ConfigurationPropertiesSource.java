package org.openiop.deploy.manifests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code @ConfigurationProperties} records (and simple JavaBean classes) from Java source and turns them into
 * property names: the prefix, then each record component in kebab case, nested records recursively, lists of records
 * with {@code [*]}, maps with {@code .*}. Source rather than bytecode, because the services change while the
 * installed jars may be older; and these modules run no configuration processor that would write metadata.
 */
final class ConfigurationPropertiesSource {

    private static final Pattern ANNOTATION = Pattern.compile(
            "@(?:org\\.springframework\\.boot\\.context\\.properties\\.)?ConfigurationProperties\\s*\\(\\s*"
                    + "(?:(?:value|prefix)\\s*=\\s*)?\"([^\"]+)\"");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*(?:<[^>]*>)?\\s*\\(");
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s+(\\w+)");
    private static final Pattern FIELD = Pattern.compile(
            "(?m)^\\s*private\\s+(?!static)(?:final\\s+)?([\\w.<>,?\\s\\[\\]]+?)\\s+(\\w+)\\s*(?:=[^;]*)?;");
    private static final Set<String> COLLECTIONS = Set.of("List", "Set", "Collection", "SortedSet", "LinkedHashSet",
            "ArrayList", "EnumSet", "Iterable");
    private static final Set<String> MAPS = Set.of("Map", "SortedMap", "LinkedHashMap", "HashMap", "EnumMap",
            "TreeMap");

    /** A record or class found in source: its simple name and its components (type, name). */
    record Type(String name, List<String[]> components) {
    }

    private final Map<String, Type> types = new HashMap<>();
    private final List<Map.Entry<String, String>> roots = new ArrayList<>();

    /** Scans Java source directories for records, classes and their {@code @ConfigurationProperties} prefixes. */
    static ConfigurationPropertiesSource scan(List<Path> sourceDirs) {
        ConfigurationPropertiesSource source = new ConfigurationPropertiesSource();
        for (Path dir : sourceDirs) {
            for (Path file : Repo.files(Repo.root().relativize(dir).toString(), ".java")) {
                source.read(Repo.read(file));
            }
        }
        return source;
    }

    /** The prefixes found, e.g. {@code iop}, {@code attendance}. */
    List<String> prefixes() {
        return roots.stream().map(Map.Entry::getKey).toList();
    }

    /** Adds every property of every {@code @ConfigurationProperties} type found to {@code known}. */
    void addTo(KnownProperties known) {
        for (Map.Entry<String, String> root : roots) {
            Type type = types.get(root.getValue());
            if (type != null) {
                addComponents(known, root.getKey(), type, 0);
            } else {
                known.add(root.getKey() + ".*");
            }
        }
    }

    void read(String java) {
        // Same length as the source, so positions agree: comments blanked, and in `code` string contents blanked too.
        String withStrings = mask(java, false);
        String code = mask(java, true);
        Matcher r = RECORD.matcher(code);
        while (r.find()) {
            int open = r.end() - 1;
            int close = matching(code, open);
            types.putIfAbsent(r.group(1), new Type(r.group(1), components(code.substring(open + 1, close))));
        }
        Matcher a = ANNOTATION.matcher(withStrings);
        while (a.find()) {
            String prefix = a.group(1);
            int from = a.end();
            Matcher nextRecord = RECORD.matcher(code);
            Matcher nextClass = CLASS.matcher(code);
            int recordAt = nextRecord.find(from) ? nextRecord.start() : Integer.MAX_VALUE;
            int classAt = nextClass.find(from) ? nextClass.start() : Integer.MAX_VALUE;
            if (recordAt < classAt) {
                roots.add(Map.entry(prefix, nextRecord.group(1)));
            } else if (classAt != Integer.MAX_VALUE) {
                String name = nextClass.group(1);
                roots.add(Map.entry(prefix, name));
                types.putIfAbsent(name, new Type(name, beanFields(code.substring(classAt))));
            }
        }
    }

    private void addComponents(KnownProperties known, String prefix, Type type, int depth) {
        if (depth > 8) {
            return;
        }
        for (String[] component : type.components()) {
            String name = prefix + "." + kebab(component[1]);
            String t = component[0].replaceAll("\\s+", "");
            String raw = simple(t.contains("<") ? t.substring(0, t.indexOf('<')) : t);
            if (t.endsWith("[]")) {
                known.addList(name);
            } else if (COLLECTIONS.contains(raw)) {
                String element = simple(generics(t).get(0));
                Type nested = types.get(element);
                if (nested != null) {
                    known.add(name);
                    addComponents(known, name + "[*]", nested, depth + 1);
                } else {
                    known.addList(name);
                }
            } else if (MAPS.contains(raw)) {
                known.add(name);
                known.add(name + ".*");
            } else if (types.containsKey(raw)) {
                addComponents(known, name, types.get(raw), depth + 1);
            } else {
                known.add(name);
            }
        }
    }

    /** camelCase to kebab-case, as Boot names record components. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String simple(String type) {
        String t = type.replaceAll("\\s+", "");
        int lt = t.indexOf('<');
        if (lt >= 0) {
            t = t.substring(0, lt);
        }
        return t.substring(t.lastIndexOf('.') + 1);
    }

    private static List<String> generics(String type) {
        int lt = type.indexOf('<');
        if (lt < 0) {
            return List.of("Object");
        }
        return splitTopLevel(type.substring(lt + 1, type.lastIndexOf('>')));
    }

    private static List<String[]> components(String header) {
        List<String[]> result = new ArrayList<>();
        for (String part : splitTopLevel(stripAnnotations(header))) {
            String p = part.trim().replaceAll("\\bfinal\\s+", "");
            if (p.isEmpty()) {
                continue;
            }
            int space = p.lastIndexOf(' ');
            if (space > 0) {
                result.add(new String[] { p.substring(0, space).trim(), p.substring(space + 1).trim() });
            }
        }
        return result;
    }

    private static List<String[]> beanFields(String classBody) {
        List<String[]> result = new ArrayList<>();
        Matcher f = FIELD.matcher(stripAnnotations(classBody));
        while (f.find()) {
            result.add(new String[] { f.group(1).trim(), f.group(2) });
        }
        return result;
    }

    /**
     * Blanks comments (and, if asked, the contents of string, text-block and char literals) with spaces, keeping
     * every other character where it was.
     */
    static String mask(String java, boolean maskLiterals) {
        char[] out = java.toCharArray();
        int i = 0;
        int n = out.length;
        while (i < n) {
            char c = java.charAt(i);
            if (c == '/' && i + 1 < n && java.charAt(i + 1) == '/') {
                while (i < n && java.charAt(i) != '\n') {
                    out[i++] = ' ';
                }
            } else if (c == '/' && i + 1 < n && java.charAt(i + 1) == '*') {
                int end = java.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out[i] = java.charAt(i) == '\n' ? '\n' : ' ';
                }
            } else if (c == '"' || c == '\'') {
                boolean textBlock = c == '"' && java.startsWith("\"\"\"", i);
                String close = textBlock ? "\"\"\"" : String.valueOf(c);
                int j = i + close.length();
                while (j < n && !java.startsWith(close, j)) {
                    j += java.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + close.length());
                if (maskLiterals) {
                    for (int k = i + close.length(); k < j - close.length(); k++) {
                        out[k] = java.charAt(k) == '\n' ? '\n' : ' ';
                    }
                }
                i = j;
            } else {
                i++;
            }
        }
        return new String(out);
    }

    /** Removes annotations (with their arguments, which may hold strings, braces and nested parentheses). */
    static String stripAnnotations(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                int end = skipString(s, i);
                out.append(s, i, end);
                i = end;
            } else if (c == '@' && i + 1 < s.length() && Character.isJavaIdentifierStart(s.charAt(i + 1))) {
                int j = i + 1;
                while (j < s.length() && (Character.isJavaIdentifierPart(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                int k = j;
                while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
                    k++;
                }
                i = k < s.length() && s.charAt(k) == '(' ? matching(s, k) + 1 : j;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                i = skipString(s, i) - 1;
            } else if (c == '(' || c == '<' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '>' || c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** Index of the bracket closing the one at {@code open}, skipping string literals. */
    private static int matching(String s, int open) {
        char o = s.charAt(open);
        char c = o == '(' ? ')' : o == '{' ? '}' : o == '[' ? ']' : '>';
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                i = skipString(s, i) - 1;
            } else if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unbalanced " + o + " at " + open);
    }

    /** Index just after the string literal starting at {@code quote}. */
    private static int skipString(String s, int quote) {
        for (int i = quote + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '"') {
                return i + 1;
            }
        }
        return s.length();
    }
}
