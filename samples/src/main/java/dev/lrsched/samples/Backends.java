package dev.lrsched.samples;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports which ND4J backend (CPU or CUDA, chosen by the Maven profile) the samples run on. */
public final class Backends {

    private static final Logger log = LoggerFactory.getLogger(Backends.class);

    private Backends() {
    }

    /**
     * One line such as {@code "CpuBackend (cores=2, blas=OPENBLAS, ...)"}: the backend class and
     * the environment information ND4J reports; loading ND4J happens here if it has not yet.
     */
    public static String describe() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        String env;
        try {
            env = String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation());
        } catch (RuntimeException e) {
            env = "environment information unavailable: " + e;
        }
        return backend + " " + env;
    }

    /** Logs {@link #describe()} at INFO and returns it. */
    public static String logBackend() {
        String d = describe();
        log.info("ND4J backend: {}", d);
        return d;
    }
}
