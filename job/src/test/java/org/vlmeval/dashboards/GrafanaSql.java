package org.vlmeval.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Grafana does to the SQL of a PostgreSQL panel before the database sees it: template
 * variables first (the frontend, {@code $__interval} included), then the data source's macros (the
 * backend). Only the macros the dashboards use are known; any other {@code $__macro} or an unknown
 * variable is an error, so a dashboard using one makes the tests fail instead of passing untested.
 *
 * <p>Variables follow Grafana's SQL data source rules: a multi-value or include-all variable is
 * interpolated as {@code 'a','b'}; a single-value one raw (with {@code '} doubled); the {@code
 * sqlstring} format always quotes. Macros follow the PostgreSQL data source: {@code
 * $__timeFilter(c)} is {@code c BETWEEN 'from' AND 'to'}, {@code $__timeGroup(c, 5m)} is {@code
 * floor(extract(epoch from c)/300)*300} and {@code $__timeGroupAlias} adds {@code AS "time"}.
 */
final class GrafanaSql {

    /** A variable's current value(s). */
    record Variable(String name, List<String> values, boolean quoted) {
        String format(String format) {
            if (format == null) {
                if (quoted) {
                    return sqlString();
                }
                return values.get(0).replace("'", "''");
            }
            return switch (format) {
                case "sqlstring" -> sqlString();
                case "csv" -> String.join(",", values);
                case "raw" -> values.get(0);
                default -> throw new IllegalArgumentException("format " + format + " of $" + name);
            };
        }

        private String sqlString() {
            return values.stream()
                    .map(v -> "'" + v.replace("'", "''") + "'")
                    .collect(Collectors.joining(","));
        }
    }

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([a-z]+))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern MACRO = Pattern.compile("\\$__([A-Za-z]+)\\(");
    private static final Pattern INTERVAL = Pattern.compile("'?(\\d+)(ms|s|m|h|d)'?");

    private final Map<String, Variable> variables;
    private final Instant from;
    private final Instant to;
    private final Duration interval;

    GrafanaSql(Map<String, Variable> variables, Instant from, Instant to, Duration interval) {
        this.variables = variables;
        this.from = from.truncatedTo(ChronoUnit.SECONDS);
        this.to = to.truncatedTo(ChronoUnit.SECONDS);
        this.interval = interval;
    }

    String expand(String sql) {
        return macros(variables(sql));
    }

    private String variables(String sql) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String replacement;
            if (name.equals("__interval")) {
                replacement = intervalText();
            } else if (name.equals("__interval_ms")) {
                replacement = Long.toString(interval.toMillis());
            } else if (name.startsWith("__")) {
                replacement = m.group(); // a macro, expanded next
            } else {
                Variable v = variables.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("unknown variable $" + name + " in " + sql);
                }
                replacement = v.format(m.group(2));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String intervalText() {
        long s = interval.toSeconds();
        return s % 60 == 0 ? (s / 60) + "m" : s + "s";
    }

    private String macros(String sql) {
        String result = sql;
        Matcher m = MACRO.matcher(result);
        while (m.find()) {
            int open = m.end() - 1;
            int close = closing(result, open);
            List<String> args = arguments(result.substring(open + 1, close));
            String replacement = macro(m.group(1), args);
            result = result.substring(0, m.start()) + replacement + result.substring(close + 1);
            m = MACRO.matcher(result);
        }
        if (result.contains("$")) {
            int at = result.indexOf('$');
            String rest = result.substring(at);
            if (!rest.startsWith("$$")) {
                throw new IllegalArgumentException("unexpanded " + rest + " in " + sql);
            }
        }
        return result;
    }

    private String macro(String name, List<String> args) {
        return switch (name) {
            case "timeFilter" -> args.get(0) + " BETWEEN '" + from + "' AND '" + to + "'";
            case "timeFrom" -> "'" + from + "'";
            case "timeTo" -> "'" + to + "'";
            case "timeGroup" -> timeGroup(args);
            case "timeGroupAlias" -> timeGroup(args) + " AS \"time\"";
            default -> throw new IllegalArgumentException("unknown macro $__" + name);
        };
    }

    private static String timeGroup(List<String> args) {
        Matcher m = INTERVAL.matcher(args.get(1).trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("interval " + args.get(1));
        }
        long n = Long.parseLong(m.group(1));
        long seconds =
                switch (m.group(2)) {
                    case "ms" -> Math.max(1, n / 1000);
                    case "s" -> n;
                    case "m" -> n * 60;
                    case "h" -> n * 3600;
                    default -> n * 86400;
                };
        return "floor(extract(epoch from " + args.get(0) + ")/" + seconds + ")*" + seconds;
    }

    private static int closing(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced macro call in " + s);
    }

    private static List<String> arguments(String inside) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                args.add(inside.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!inside.isBlank()) {
            args.add(inside.substring(start).trim());
        }
        return args;
    }
}
