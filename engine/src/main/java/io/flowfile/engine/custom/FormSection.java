package io.flowfile.engine.custom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A titled group of form components, shown only while its condition holds.
 *
 * @param title       the section's heading
 * @param visibleWhen the condition, or null for always
 * @param components  the components, in the order the form shows them
 */
public record FormSection(String title, VisibleWhen visibleWhen, List<FormComponent> components) {

    public FormSection {
        title = title == null ? "" : title;
        components = List.copyOf(components);
    }

    /**
     * A section is shown while setting {@code setting} equals {@code equals}.
     *
     * @param setting another component's name (of a section shown before this one)
     * @param equals  the value that shows the section
     */
    public record VisibleWhen(String setting, JsonNode equals) {

        /** Whether the section is shown for these settings (a missing setting takes its default). */
        public boolean holds(JsonNode value) {
            if (value != null && value.isNumber() && equals.isNumber()) {
                return value.decimalValue().compareTo(equals.decimalValue()) == 0; // 2 and 2.0 alike
            }
            return value != null && value.equals(equals);
        }
    }
}
