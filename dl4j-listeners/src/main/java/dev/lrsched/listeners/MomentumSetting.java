package dev.lrsched.listeners;

import java.util.Optional;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaBelief;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The momentum-like setting of an ND4J updater, as the updater applies it (DL4J 1.0.0-M2.1):
 * <pre>
 *   Nesterovs                                  "momentum" = currentMomentum(iteration, epoch)
 *                                                           (its momentum ISchedule, else the fixed momentum)
 *   Adam, AdaMax, Nadam, AMSGrad, AdaBelief    "beta1"    = getBeta1()   (a plain double in M2.1: constant)
 *   anything else (Sgd, RmsProp, AdaGrad, ...) none
 * </pre>
 * as the {@code NesterovsUpdater} ({@code config.currentMomentum(iteration, epoch)}) and the Adam-family updaters
 * ({@code config.getBeta1()}) read them.
 */
record MomentumSetting(String name, double value) {

    static Optional<MomentumSetting> of(IUpdater updater, int iteration, int epoch) {
        if (updater instanceof Nesterovs n) {
            return Optional.of(new MomentumSetting("momentum", n.currentMomentum(iteration, epoch)));
        }
        if (updater instanceof Adam a) {
            return Optional.of(new MomentumSetting("beta1", a.getBeta1()));
        }
        if (updater instanceof AdaMax a) {
            return Optional.of(new MomentumSetting("beta1", a.getBeta1()));
        }
        if (updater instanceof Nadam a) {
            return Optional.of(new MomentumSetting("beta1", a.getBeta1()));
        }
        if (updater instanceof AMSGrad a) {
            return Optional.of(new MomentumSetting("beta1", a.getBeta1()));
        }
        if (updater instanceof AdaBelief a) {
            return Optional.of(new MomentumSetting("beta1", a.getBeta1()));
        }
        return Optional.empty();
    }
}
