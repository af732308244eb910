package io.flowfile.node;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a setting (a {@code String} component of a settings record, at its top level) whose text a
 * node places into its SQL as written. The engine then makes sure the text is exactly one
 * {@link Kind#EXPRESSION expression} or one {@link Kind#QUERY query} before the node plans (text that
 * would end the statement it stands in, or close the parenthesis around it, is refused naming the
 * node and the setting), and a {@code ${parameter}} in it is quoted by where it stands: inside
 * {@code '...'} as text, inside {@code "..."} as a name, elsewhere as one value (a number as a number,
 * anything else as a string literal). The node places the text in parentheses followed by a line
 * break ({@code (text\n)}), so a trailing {@code --} comment ends there. The settings schema marks
 * the property with {@code "x-flowfile-sql": true}, so the UI edits it as SQL.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface SqlText {

    Kind value();

    enum Kind {
        /** One SQL expression, e.g. {@code price * quantity} or {@code age >= 18 AND city <> 'oslo'}. */
        EXPRESSION,
        /** One SELECT statement (a closing {@code ;} is allowed), e.g. {@code SELECT * FROM main WHERE x > 0}. */
        QUERY
    }
}
