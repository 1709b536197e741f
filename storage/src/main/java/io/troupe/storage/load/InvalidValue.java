package io.troupe.storage.load;

/**
 * A value a user sent that cannot be used, with the reason in words. Checked and without a stack trace:
 * it is the normal outcome of checking untrusted input, caught close by and turned into an
 * {@link EventProblem} or a file error.
 */
final class InvalidValue extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidValue(String reason) {
        super(reason, null, false, false);
    }
}
