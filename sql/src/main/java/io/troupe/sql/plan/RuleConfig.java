package io.troupe.sql.plan;

import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/** The immutable configuration of a Troupe planner rule (Calcite generates these with Immutables; we need few). */
record RuleConfig(String description, RelRule.OperandTransform operandSupplier, RelBuilderFactory relBuilderFactory,
                  Function<RuleConfig, RelOptRule> factory) implements RelRule.Config {

    static RuleConfig of(String description, RelRule.OperandTransform operands, Function<RuleConfig, RelOptRule> factory) {
        return new RuleConfig(description, operands, RelFactories.LOGICAL_BUILDER, factory);
    }

    @Override
    public RelOptRule toRule() {
        return factory.apply(this);
    }

    @Override
    public RelRule.Config withRelBuilderFactory(RelBuilderFactory f) {
        return new RuleConfig(description, operandSupplier, f, factory);
    }

    @Override
    public RelRule.Config withDescription(String d) {
        return new RuleConfig(d, operandSupplier, relBuilderFactory, factory);
    }

    @Override
    public RelRule.Config withOperandSupplier(RelRule.OperandTransform t) {
        return new RuleConfig(description, t, relBuilderFactory, factory);
    }
}
