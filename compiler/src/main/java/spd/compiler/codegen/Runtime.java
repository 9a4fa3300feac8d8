package spd.compiler.codegen;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to. */
final class Runtime {
    private Runtime() {}

    static final ClassName SPD_EXPERIMENT = ClassName.get("spd.runtime", "SpdExperiment");
    static final ClassName EXPERIMENT = ClassName.get("spd.runtime", "Experiment");
    static final ClassName INDARRAY = ClassName.get("org.nd4j.linalg.api.ndarray", "INDArray");
    static final ClassName DATA_SPEC = ClassName.get("spd.runtime.data", "DataSpec");
    static final ClassName NETWORK_SPEC = ClassName.get("spd.runtime.nn", "NetworkSpec");
    static final ClassName ACTIVATION = ClassName.get("spd.runtime.nn", "Activation");
    static final ClassName KERNEL = ClassName.get("spd.runtime.nn", "Kernel");
    static final ClassName LOSS_KIND = ClassName.get("spd.runtime.nn", "LossKind");
    static final ClassName TRAINING_SPEC = ClassName.get("spd.runtime.optim", "TrainingSpec");
    static final ClassName OPTIMIZER_SPEC = ClassName.get("spd.runtime.optim", "OptimizerSpec");
    static final ClassName SCHEDULE = ClassName.get("spd.runtime.optim", "Schedule");
    static final ClassName PRUNING = ClassName.get("spd.runtime.prune", "Pruning");
    static final ClassName REGULARIZER = ClassName.get("spd.runtime.reg", "Regularizer");
    static final ClassName REGULARIZERS = ClassName.get("spd.runtime.reg", "Regularizers");
    static final ClassName PROX_SCALE = ClassName.get("spd.runtime.reg", "ProxScale");
    static final ClassName ETA_TRICK = ClassName.get("spd.runtime.reg", "EtaTrick");
    static final ClassName VARIATIONAL = ClassName.get("spd.runtime.reg", "VariationalDropout");
    static final ClassName HARD_CONCRETE = ClassName.get("spd.runtime.reg", "HardConcrete");
    static final ClassName DATA_FACTOR = ClassName.get("spd.runtime.duality", "DataFactor");
    static final ClassName LINEAR_DUALITY = ClassName.get("spd.runtime.duality", "LinearDuality");
    static final ClassName MAGNITUDE = ClassName.get("spd.runtime.reg", "MagnitudePruning");
}
