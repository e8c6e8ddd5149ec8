package dev.lrsched.listeners.metric;

import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.schedules.support.Checks;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.api.Model;

/** {@link MetricSource#of}: a metric computed by a function of the network. */
final class FunctionMetric implements MetricSource {

    private final String description;
    private final Mode direction;
    private final ToDoubleFunction<Model> metric;

    FunctionMetric(String description, Mode direction, ToDoubleFunction<Model> metric) {
        this.description = Checks.notNull("description", description);
        this.direction = Checks.notNull("direction", direction);
        Checks.check(direction != Mode.AUTO, "direction must be MIN or MAX, got AUTO");
        this.metric = Checks.notNull("metric", metric);
    }

    @Override
    public Mode direction() {
        return direction;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public double evaluate(Model model, long evaluation) {
        return metric.applyAsDouble(model);
    }

    @Override
    public String toString() {
        return description;
    }
}
