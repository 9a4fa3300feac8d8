package spd.runtime.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import spd.runtime.base.RunException;

/**
 * Checks, before ND4J loads a backend, that the requested device can be used, and says plainly why not.
 * ND4J's CUDA build (nd4j-cuda-11.6, 1.0.0-M2.1) ships kernels for compute capabilities 3.7 to 8.6 and no
 * PTX: Pascal, Volta, Turing and Ampere/Ada GPUs work; Hopper (sm_90) and newer do not.
 */
public final class DeviceCheck {
    /** The class of ND4J's CUDA backend; present only in a CUDA build. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private DeviceCheck() {}

    /** Returns normally when {@code device} is usable; otherwise throws a {@link RunException} saying why. */
    public static void require(Device device) {
        Optional<String> problem =
                problem(device, isOnClassPath(CUDA_BACKEND), Files.exists(Path.of("/dev/nvidiactl")));
        if (problem.isPresent()) {
            throw new RunException(problem.get());
        }
    }

    /** Why {@code device} cannot be used, given whether the CUDA backend is built in and a GPU driver exists. */
    static Optional<String> problem(Device device, boolean cudaBackend, boolean nvidiaDriver) {
        return switch (device) {
            case CPU -> Optional.empty();
            case GPU -> {
                if (!cudaBackend) {
                    yield Optional.of(
                            "--device gpu needs spd built with ND4J's CUDA backend, but this build has only the CPU backend"
                                    + " (nd4j-native). Rebuild with the Maven profile 'cuda' (mvn -Pcuda package) on a machine with"
                                    + " CUDA 11.6; its kernels run on Pascal to Ampere/Ada GPUs (compute capability 3.7-8.6), not"
                                    + " on Hopper. Or run on the CPU with --device cpu.");
                }
                if (!nvidiaDriver) {
                    yield Optional.of(
                            "--device gpu: no usable NVIDIA GPU was found (no /dev/nvidiactl; is the driver installed?)."
                                    + " Run on the CPU with --device cpu.");
                }
                yield Optional.empty();
            }
        };
    }

    private static boolean isOnClassPath(String className) {
        try {
            Class.forName(className, false, DeviceCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
