package dev.lrsched.schedules.reliability.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The generators of {@link ScheduleGenerators} mostly produce schedules the constructors accept (a
 * generator whose draws were mostly rejected would test little): the acceptance ratio of 2000 draws
 * per generator, printed and bounded below.
 */
class ScheduleGeneratorsAcceptanceTest {

    private static final int DRAWS = 2000;

    @Example
    void mostDrawsConstruct() {
        Map<String, Arbitrary<ScheduleGenerators.Attempt>> all = new LinkedHashMap<>(ScheduleGenerators.ownLeaves());
        all.putAll(ScheduleGenerators.tabledLeaves());
        Arbitrary<ISchedule> leaf = ScheduleGenerators.anyLeaf(ScheduleGenerators.ownLeaves());
        all.put("Sequential", CompositeGenerators.sequential(leaf));
        all.put("Scaled", CompositeGenerators.scaled(leaf));
        all.put("Warmup", CompositeGenerators.warmup(leaf));
        all.put("Noisy", CompositeGenerators.noisy(leaf));
        StringBuilder report = new StringBuilder("acceptance ratio of " + DRAWS + " draws per generator:");
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, Arbitrary<ScheduleGenerators.Attempt>> e : all.entrySet()) {
            List<ScheduleGenerators.Attempt> attempts = e.getValue().sampleStream().limit(DRAWS).collect(Collectors.toList());
            double ratio = attempts.stream().filter(ScheduleGenerators.Attempt::accepted).count() / (double) DRAWS;
            ratios.put(e.getKey(), ratio);
            // the most frequent rejection, without the received value
            String top = attempts.stream().filter(a -> !a.accepted())
                    .map(a -> a.rejection.replaceAll(",? ?got .*|Received: .*", ""))
                    .collect(Collectors.groupingBy(m -> m, Collectors.counting())).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            report.append(String.format("%n  %-26s %.3f  %s", e.getKey(), ratio, top));
        }
        System.out.println(report);
        assertThat(ratios).allSatisfy((name, ratio) -> assertThat(ratio).as(name).isGreaterThanOrEqualTo(0.5));
    }
}
