package dev.lrsched.schedules.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Test oracle: the decisions of PyTorch 1.13 {@code torch.optim.lr_scheduler.ReduceLROnPlateau.step(metrics)},
 * written from torch's source ({@code _is_better}, {@code in_cooldown}, {@code num_bad_epochs > patience})
 * independently of lrsched's {@code PlateauPolicy}, for finite metrics. Front-end tests replay the metrics a
 * training run recorded through it and compare the evaluations at which it reduced. Pinned to torch by
 * {@code TorchPlateauRuleTest} ({@code tools/reference/torch_plateau_decisions.py}).
 */
public final class TorchPlateauRule {

    private final boolean min;
    private final boolean relative;
    private final double threshold;
    private final int patience;
    private final int cooldown;

    /**
     * @param min      torch {@code mode == 'min'}
     * @param relative torch {@code threshold_mode == 'rel'}
     */
    public TorchPlateauRule(boolean min, boolean relative, double threshold, int patience, int cooldown) {
        this.min = min;
        this.relative = relative;
        this.threshold = threshold;
        this.patience = patience;
        this.cooldown = cooldown;
    }

    /** The 1-based steps at which torch reduces the learning rate, given one metric per step. */
    public List<Integer> reductions(double... metrics) {
        double best = min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        int numBadEpochs = 0;
        int cooldownCounter = 0;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < metrics.length; i++) {
            double current = metrics[i];
            if (isBetter(current, best)) {
                best = current;
                numBadEpochs = 0;
            } else {
                numBadEpochs += 1;
            }
            if (cooldownCounter > 0) {
                cooldownCounter -= 1;
                numBadEpochs = 0;
            }
            if (numBadEpochs > patience) {
                out.add(i + 1);
                cooldownCounter = cooldown;
                numBadEpochs = 0;
            }
        }
        return out;
    }

    private boolean isBetter(double a, double best) {
        if (min) {
            return relative ? a < best * (1 - threshold) : a < best - threshold;
        }
        return relative ? a > best * (threshold + 1) : a > best + threshold;
    }
}
