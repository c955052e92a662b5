package io.pixmesh.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads raw context-parameter strings into typed values and collects every problem instead of
 * stopping at the first, so that one start-up error names every bad setting at once.
 *
 * <p>Defaults live in {@code web.xml} and nowhere else: a parameter that is absent altogether
 * is itself a problem (the deployment descriptor was replaced or damaged), which keeps the
 * documented defaults and the running ones from drifting apart.
 */
final class Settings {

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final Function<String, String> source;
    private final List<String> problems = new ArrayList<>();

    Settings(Function<String, String> source) {
        this.source = source;
    }

    /** The trimmed value, possibly empty; absent parameters are reported. */
    String text(String name) {
        String raw = source.apply(name);
        if (raw == null) {
            problems.add(name + ": missing (web.xml should define its default)");
            return "";
        }
        return raw.trim();
    }

    /**
     * A lower-case identifier usable in ids and header values ({@code [a-z0-9][a-z0-9-]{0,31}}),
     * or empty when the parameter is empty (the caller picks a fallback).
     */
    Optional<String> optionalToken(String name) {
        String value = text(name);
        return value.isEmpty() ? Optional.empty() : checkedToken(name, value);
    }

    /** Like {@link #optionalToken} but an empty value is a problem too. */
    String token(String name) {
        String value = text(name);
        if (value.isEmpty()) {
            problems.add(name + ": must not be empty");
            return "";
        }
        return checkedToken(name, value).orElse("");
    }

    private Optional<String> checkedToken(String name, String value) {
        if (TOKEN.matcher(value).matches()) {
            return Optional.of(value);
        }
        problems.add(name + ": '" + value + "' is not a token of lower-case letters, digits and '-' (at most 32)");
        return Optional.empty();
    }

    int integer(String name, int min, int max) {
        String value = text(name);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        problems.add(name + ": '" + value + "' is not a whole number from " + min + " to " + max);
        return min;
    }

    boolean bool(String name) {
        String value = text(name);
        if (!value.equals("true") && !value.equals("false")) {
            problems.add(name + ": '" + value + "' is neither true nor false");
        }
        return value.equals("true");
    }

    Pattern pattern(String name) {
        String value = text(name);
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            problems.add(name + ": '" + value + "' is not a valid regular expression (" + e.getDescription() + ")");
            return Pattern.compile("(?!)");
        }
    }

    /** Records a problem found by a caller's own check. */
    void problem(String name, String message) {
        problems.add(name + ": " + message);
    }

    List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
