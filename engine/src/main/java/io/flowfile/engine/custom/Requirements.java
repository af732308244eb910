package io.flowfile.engine.custom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Package requirements ({@code scikit-learn}, {@code polars>=1.0}) checked against an environment's installed versions. */
final class Requirements {

    /** A name, optional extras, and rules on release numbers only (pre-, post- and dev releases are not compared here). */
    private static final Pattern REQUIREMENT = Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[[^]]*])?\\s*((?:(?:==|>=|<=|!=|~=|>|<)\\s*[0-9]+(?:\\.[0-9]+)*(?:\\.\\*)?\\s*,?\\s*)*)");
    private static final Pattern RULE = Pattern.compile("(==|>=|<=|!=|~=|>|<)\\s*([0-9]+(?:\\.[0-9]+)*(?:\\.\\*)?)");

    private Requirements() {
    }

    /** A package name as pip compares them: lower case, runs of {@code -_.} as one {@code -}. */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** Whether {@code requirement} is one this checker reads. */
    static boolean readable(String requirement) {
        return REQUIREMENT.matcher(requirement).matches();
    }

    /**
     * The requirements {@code installed} (normalized name → version) does not meet, each with why:
     * {@code "scikit-learn (not installed)"}, {@code "polars>=2 (1.31.0 installed)"}.
     */
    static List<String> missing(List<String> requirements, Map<String, String> installed) {
        var normalized = new java.util.HashMap<String, String>();
        installed.forEach((name, version) -> normalized.put(normalize(name), version));
        var missing = new ArrayList<String>();
        for (String requirement : requirements) {
            Matcher matcher = REQUIREMENT.matcher(requirement);
            if (!matcher.matches()) {
                missing.add(requirement + " (not a requirement this server reads)");
                continue;
            }
            String version = normalized.get(normalize(matcher.group(1)));
            if (version == null) {
                missing.add(requirement.strip() + " (not installed)");
                continue;
            }
            if (version.equals("*")) {
                continue; // requested by the kernel, version known once its environment is built
            }
            Matcher rule = RULE.matcher(matcher.group(2));
            while (rule.find()) {
                if (!holds(rule.group(1), version, rule.group(2))) {
                    missing.add(requirement.strip() + " (" + version + " installed)");
                    break;
                }
            }
        }
        return missing;
    }

    private static boolean holds(String operator, String installed, String wanted) {
        if (wanted.endsWith(".*") && (operator.equals("==") || operator.equals("!="))) {
            boolean prefix = (installed + ".").startsWith(wanted.substring(0, wanted.length() - 1));
            return operator.equals("!=") != prefix;
        }
        int order = compare(installed, wanted);
        return switch (operator) {
            case "==" -> order == 0;
            case "!=" -> order != 0;
            case ">=" -> order >= 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case "<" -> order < 0;
            case "~=" -> order >= 0 && compare(installed, bump(wanted)) < 0;
            default -> false;
        };
    }

    /** {@code ~=1.4.2} allows below 1.5. */
    private static String bump(String version) {
        String[] parts = version.split("\\.");
        if (parts.length < 2) {
            return version;
        }
        parts[parts.length - 2] = Long.toString(number(parts[parts.length - 2]) + 1);
        return String.join(".", java.util.Arrays.copyOf(parts, parts.length - 1));
    }

    /** Compares release numbers part by part (a pre-release suffix is ignored). */
    static int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            long x = i < left.length ? number(left[i]) : 0;
            long y = i < right.length ? number(right[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    private static long number(String part) {
        Matcher digits = Pattern.compile("^\\d+").matcher(part);
        return digits.find() ? Long.parseLong(digits.group()) : 0;
    }
}
