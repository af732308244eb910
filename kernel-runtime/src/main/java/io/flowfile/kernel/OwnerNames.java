package io.flowfile.kernel;

import java.util.regex.Pattern;

/**
 * The names of kernel owners (user names). An owner's name is a directory name on the host
 * ({@code owners/<owner>/...}), so it is 1-128 letters, digits, '.', '_' or '-' and does not start
 * with '.'. The catalog keeps the same rule for the kernels it stores.
 */
public final class OwnerNames {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");

    private OwnerNames() {
    }

    public static boolean isValid(String owner) {
        return owner != null && OWNER.matcher(owner).matches();
    }
}
