package io.troupe.testing.generator;

import java.util.List;

/**
 * A multi-step piece of work an org does, e.g. create a report, share it, invite someone.
 *
 * <p>Why: these are the sequences group-level funnels, retention and path analyses are built for; each
 * instance shares one subject id across its steps.
 *
 * @param name                 for documentation and tests
 * @param weight               how often the workflow starts relative to others
 * @param subjectIdPrefix      prefix of the shared subject id, e.g. {@code rep-}
 * @param steps                the steps, first one always happens
 */
record Workflow(String name, double weight, String subjectIdPrefix, List<WorkflowStep> steps) {
    Workflow {
        steps = List.copyOf(steps);
    }
}
