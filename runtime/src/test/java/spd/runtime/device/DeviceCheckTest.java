package spd.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import spd.runtime.base.RunException;

/** The device check's messages, and the native settings recommended for a processor. */
class DeviceCheckTest {
    @Test
    void gpuOnACpuBuildSaysHowToGetOneAndWhichGpusWork() {
        String message = DeviceCheck.problem(Device.GPU, false, true).orElseThrow();
        assertTrue(message.contains("CPU backend"), message);
        assertTrue(message.contains("-Pcuda"), message);
        assertTrue(message.contains("not") && message.contains("Hopper"), message);
        assertThrows(RunException.class, () -> DeviceCheck.require(Device.GPU), "this build has no CUDA backend");
    }

    @Test
    void gpuWithoutADriverSaysSoAndCpuAlwaysWorks() {
        assertTrue(DeviceCheck.problem(Device.GPU, true, false).orElseThrow().contains("no usable NVIDIA GPU"));
        assertEquals(Optional.empty(), DeviceCheck.problem(Device.GPU, true, true));
        assertEquals(Optional.empty(), DeviceCheck.problem(Device.CPU, false, false));
        DeviceCheck.require(Device.CPU);
    }

    @Test
    void deviceNamesParseAndMistakesAreExplained() {
        assertEquals(Device.GPU, Device.parse("GPU"));
        assertTrue(assertThrows(RunException.class, () -> Device.parse("tpu"))
                .getMessage()
                .contains("--device cpu"));
    }

    @Test
    void openBlasKernelsFollowTheProcessorFlags() {
        assertEquals(
                "SkylakeX",
                NativeEnvironment.openBlasCoreType(
                        Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd")));
        assertEquals("Haswell", NativeEnvironment.openBlasCoreType(Set.of("avx", "avx2", "fma")));
        assertEquals(null, NativeEnvironment.openBlasCoreType(Set.of("sse2")));
        assertEquals("1", NativeEnvironment.recommended().get("OMP_NUM_THREADS"));
    }
}
