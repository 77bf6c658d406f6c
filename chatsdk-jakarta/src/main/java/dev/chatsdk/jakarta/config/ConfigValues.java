package dev.chatsdk.jakarta.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The values given for the settings, each part reads its own from it, and the problems found, each naming its key
 * (and where the value came from) and how to fix it, never a secret's value. Built by {@code ChatSdkConfig.Builder};
 * not thread-safe while problems are added.
 *
 * @since 0.3
 */
public final class ConfigValues {
    private final Map<Setting<?>, Object> values;
    private final UnaryOperator<String> where;
    private final java.util.List<String> problems = new java.util.ArrayList<>();

    /**
     * @param values the values given, by setting; a setting absent here has its default
     * @param where  how a message names a key, such as {@code 'chatsdk.local.secret' [from env]}
     */
    public ConfigValues(Map<Setting<?>, Object> values, UnaryOperator<String> where) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.where = where;
    }

    /**
     * @param setting a setting
     * @param <T>     its type
     * @return its value: the one given, else its default (possibly {@code null})
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return values.containsKey(setting) ? (T) values.get(setting) : setting.defaultOrNull();
    }

    /**
     * @param setting a setting
     * @return whether a value was given for it
     */
    public boolean isSet(Setting<?> setting) {
        return values.containsKey(setting);
    }

    /**
     * @param key a key
     * @return the key as messages name it, with its source when known
     */
    public String where(String key) {
        return where.apply(key);
    }

    /**
     * @param setting a setting
     * @return its key as messages name it, with its source when known
     */
    public String where(Setting<?> setting) {
        return where(setting.key());
    }

    /** Checks a value against its setting's own bounds, adding each problem. */
    <T> void check(Setting<T> setting, T value) {
        problems.addAll(setting.problems(value, where(setting)));
    }

    /** Checks the value of a setting against its own bounds, adding each problem. */
    <T> void check(Setting<T> setting) {
        check(setting, get(setting));
    }

    /**
     * Adds a problem.
     *
     * @param format a {@code CHATSDK-0nn} line, formatted with the arguments; never give it a secret
     * @param args   the arguments
     */
    public void add(String format, Object... args) {
        problems.add(String.format(format, args));
    }

    /** @return the problems found so far, in the order found */
    public java.util.List<String> problems() {
        return java.util.List.copyOf(problems);
    }
}
