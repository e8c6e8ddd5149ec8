package dev.lrsched.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.CyclicSchedule;
import dev.lrsched.schedules.FunctionSchedule;
import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.PolynomialSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupCosineSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.schedule.ISchedule;

class ScheduleGalleryTest {

    @TempDir
    Path tmp;

    private static Set<ISchedule> allSchedules() {
        return ScheduleGallery.ENTRIES.stream().flatMap(e -> e.curves().values().stream()).collect(Collectors.toSet());
    }

    @Test
    void everyLrschedScheduleClassHasAGalleryPicture() {
        Set<Class<?>> classes = ScheduleGallery.ENTRIES.stream().filter(e -> !e.isOverlay())
                .map(e -> e.schedule().getClass()).collect(Collectors.toSet());
        assertThat(classes).contains(CosineAnnealingSchedule.class, CosineWarmRestartsSchedule.class,
                WarmupSchedule.class, WarmupCosineSchedule.class, PolynomialSchedule.class, CyclicSchedule.class,
                OneCycleSchedule.class, LinearSchedule.class, LambdaSchedule.class, FunctionSchedule.class,
                SequentialSchedule.class);
        // ScaledSchedule is shown next to the schedule it scales.
        assertThat(allSchedules()).anyMatch(s -> s instanceof ScaledSchedule);
    }

    @Test
    void everyModeHasAGalleryPicture() {
        Set<ISchedule> all = allSchedules();
        for (CyclicMode m : CyclicMode.values()) {
            assertThat(all).as("cyclic %s", m).anyMatch(s -> s instanceof CyclicSchedule c && c.getMode() == m);
        }
        for (WarmupShape w : WarmupShape.values()) {
            assertThat(all).as("warmup %s", w).anyMatch(s -> s instanceof WarmupSchedule x && x.getShape() == w);
        }
        for (AnnealStrategy a : AnnealStrategy.values()) {
            assertThat(all).as("one-cycle %s", a)
                    .anyMatch(s -> s instanceof OneCycleSchedule o && o.getAnnealStrategy() == a && !o.isThreePhase());
        }
        assertThat(all).anyMatch(s -> s instanceof OneCycleSchedule o && o.isThreePhase());
        assertThat(all).anyMatch(s -> s instanceof CosineWarmRestartsSchedule c && c.getPeriodMultiplier() == 1);
        assertThat(all).anyMatch(s -> s instanceof CosineWarmRestartsSchedule c && c.getPeriodMultiplier() == 2);
        assertThat(all).anyMatch(s -> s instanceof CosineWarmRestartsSchedule c && c.getRestartDecay() < 1);
    }

    @Test
    void namesAreUniqueAndEntriesValidated() {
        assertThat(ScheduleGallery.ENTRIES).extracting(ScheduleGallery.Entry::name).doesNotHaveDuplicates();
        ISchedule s = ScheduleGallery.COSINE;
        assertThatThrownBy(() -> new ScheduleGallery.Entry("Bad Name", s, 10, "x"))
                .hasMessage("name must match [a-z0-9-]+, got 'Bad Name'");
        assertThatThrownBy(() -> new ScheduleGallery.Entry("empty", Map.of(), 10, "x"))
                .hasMessage("curves must contain at least 1 schedule, got 0");
        assertThatThrownBy(() -> new ScheduleGallery.Entry("zero", s, 0, "x"))
                .hasMessage("steps must be >= 1, got 0");
        Map<String, ISchedule> m = new LinkedHashMap<>();
        m.put("b", s);
        m.put("a", s);
        assertThat(new ScheduleGallery.Entry("ordered", m, 10, "x").curves()).containsExactly(
                Map.entry("b", s), Map.entry("a", s));
    }

    @Test
    void renderingIsDeterministic() throws IOException {
        List<ScheduleGallery.Entry> some = ScheduleGallery.ENTRIES.stream()
                .filter(e -> e.name().equals("one-cycle-cos") || e.name().equals("family-cyclic")).toList();
        assertThat(some).hasSize(2);
        List<Path> first = ScheduleGallery.render(some, tmp.resolve("a"));
        List<Path> second = ScheduleGallery.render(some, tmp.resolve("b"));
        List<String> files = some.stream().map(ScheduleGallery.Entry::fileName).toList(); // one PNG per entry, in order
        assertThat(first).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(files);
        assertThat(second).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(files);
        for (int i = 0; i < first.size(); i++) {
            byte[] bytes = Files.readAllBytes(first.get(i));
            assertThat(bytes).as("%s", first.get(i)).isNotEmpty().isEqualTo(Files.readAllBytes(second.get(i)));
        }
    }
}
