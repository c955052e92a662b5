package io.pixmesh.config;

import java.util.List;

/** Thrown at start-up when settings are bad; its message names every bad setting, one per line. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ConfigException(List<String> problems) {
        super("Pixmesh cannot start: " + problems.size() + " bad setting(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per bad setting, each starting with the setting's name. */
    public List<String> problems() {
        return problems;
    }
}
