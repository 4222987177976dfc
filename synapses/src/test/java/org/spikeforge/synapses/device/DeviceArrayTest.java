package org.spikeforge.synapses.device;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Pulse responses of the step models against their documented curves (deterministic devices),
 * and the statistics of variability, noise and faults over many devices.
 */
class DeviceArrayTest {
    private static final int N = 400; // pulses per direction

    private static DeviceArray one(StepModel step, double dw, double wMin, double wMax) {
        PulsedDevice d = new PulsedDevice(step, dw, 0, 0, 0, 0, wMin, wMax, 0, 0, true, 0, 0, 0, 0);
        return new DeviceArray(d, 1, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
    }

    /** N single up pulses then N single down pulses from 0; returns the 2N + 1 weights. */
    private static double[] upThenDown(DeviceArray a) {
        double[] w = new double[2 * N + 1];
        w[0] = a.weight(0);
        for (int k = 1; k <= N; k++) w[k] = a.pulse(0, +1);
        for (int k = 1; k <= N; k++) w[N + k] = a.pulse(0, -1);
        return w;
    }

    @Test
    void constantStepRampsLinearlyAndStopsHardAtTheBounds() {
        double dw = 0.004;
        double[] w = upThenDown(one(new StepModel.ConstantStep(), dw, -0.6, 0.6));
        for (int k = 0; k <= N; k++) assertEquals(Math.min(k * dw, 0.6), w[k], 1e-12, "up " + k);
        for (int k = 0; k <= N; k++) assertEquals(Math.max(0.6 - k * dw, -0.6), w[N + k], 1e-12, "down " + k);
    }

    @Test
    void linearStepFollowsItsGeometricCurve() {
        double dw = 0.002, gu = -0.8, gd = 0.5;
        double[] w = upThenDown(one(new StepModel.LinearStep(gu, gd, 0), dw, -1, 1));
        // up: w_{k+1} = w_k + dw(1 + γu w_k)  ⇒  w_k = (w_0 + 1/γu)(1 + γu dw)^k − 1/γu
        for (int k = 0; k <= N; k++) {
            double expect = Math.min((0 + 1 / gu) * Math.pow(1 + gu * dw, k) - 1 / gu, 1);
            assertEquals(expect, w[k], 1e-12, "up " + k);
        }
        // down: w_{k+1} = w_k − dw(1 + γd w_k)  ⇒  w_k = (w_N + 1/γd)(1 − γd dw)^k − 1/γd
        for (int k = 0; k <= N; k++) {
            double expect = Math.max((w[N] + 1 / gd) * Math.pow(1 - gd * dw, k) - 1 / gd, -1);
            assertEquals(expect, w[N + k], 1e-12, "down " + k);
        }
    }

    @Test
    void softBoundsApproachEachBoundExponentially() {
        double dw = 0.01, hi = 1.25, lo = -0.75;
        double[] w = upThenDown(one(new StepModel.SoftBounds(), dw, lo, hi));
        for (int k = 0; k <= N; k++) assertEquals(hi - hi * Math.pow(1 - dw / hi, k), w[k], 1e-12, "up " + k);
        for (int k = 0; k <= N; k++) {
            assertEquals(lo + (w[N] - lo) * Math.pow(1 + dw / lo, k), w[N + k], 1e-12, "down " + k);
        }
        assertTrue(w[N] < hi && w[2 * N] > lo, "never reaches a soft bound");
    }

    @Test
    void powStepWithUnitExponentIsAnExponentialApproachOverTheRange() {
        double dw = 0.005, hi = 0.6, lo = -0.6, range = hi - lo;
        double[] w = upThenDown(one(new StepModel.PowStep(1.0, 0), dw, lo, hi));
        for (int k = 0; k <= N; k++) assertEquals(hi - hi * Math.pow(1 - dw / range, k), w[k], 1e-12, "up " + k);
        for (int k = 0; k <= N; k++) assertEquals(lo + (w[N] - lo) * Math.pow(1 - dw / range, k), w[N + k], 1e-12, "down " + k);
    }

    @Test
    void powStepWithLargerExponentSlowsDownNearTheBoundMore() {
        double[] g1 = upThenDown(one(new StepModel.PowStep(1.0, 0), 0.005, -0.6, 0.6));
        double[] g2 = upThenDown(one(new StepModel.PowStep(2.0, 0), 0.005, -0.6, 0.6));
        assertTrue(g2[N] < g1[N], "γ = 2 ends lower after the up phase: " + g2[N] + " vs " + g1[N]);
        // First up step from w = 0 is dw·(0.6/1.2)^γ.
        assertEquals(0.005 * 0.5, g1[1], 1e-15);
        assertEquals(0.005 * 0.25, g2[1], 1e-15);
    }

    @Test
    void expStepWithAihwkitDefaultsGivesConcaveUpAndSaturatingDownCurves() {
        StepModel.ExpStep e = StepModel.ExpStep.DEFAULTS;
        double dw = 0.001, lo = -0.6, hi = 0.6;
        DeviceArray a = one(e, dw, lo, hi);
        a.program(0, lo);
        double[] up = new double[1500];
        up[0] = a.weight(0);
        for (int k = 1; k < up.length; k++) up[k] = a.pulse(0, +1);
        // Each step is dw·max(1 − A_up·e^{γ_up·z}, 0), z = 2a·w/(w_max − w_min) + b: largest at w_min, shrinking with w.
        for (int k = 1; k < up.length && up[k] < hi; k++) {
            double z = 2 * e.a() * up[k - 1] / (hi - lo) + e.b();
            assertEquals(dw * Math.max(1 - e.aUp() * Math.exp(e.gammaUp() * z), 0), up[k] - up[k - 1], 1e-12);
            if (k > 1) assertTrue(up[k] - up[k - 1] < up[k - 1] - up[k - 2], "concave up-curve at " + k);
        }
        assertEquals(hi, up[up.length - 1], 0.0, "reaches w_max within 1500 pulses");
        double[] down = new double[3000];
        down[0] = a.weight(0);
        for (int k = 1; k < down.length; k++) down[k] = a.pulse(0, -1);
        // Down steps dw·max(1 − A_down·e^{−γ_down·z}, 0) shrink as w falls: a convex, saturating approach to w_min.
        for (int k = 1; k < down.length && down[k] > lo; k++) {
            double z = 2 * e.a() * down[k - 1] / (hi - lo) + e.b();
            assertEquals(dw * Math.max(1 - e.aDown() * Math.exp(-e.gammaDown() * z), 0), down[k - 1] - down[k], 1e-12);
            if (k > 1) assertTrue(down[k - 1] - down[k] < down[k - 2] - down[k - 1], "convex down-curve at " + k);
        }
        double firstDown = down[0] - down[1];
        int last = 1;
        while (last + 1 < down.length && down[last + 1] > lo) last++;
        double lastDown = down[last - 1] - down[last];
        assertTrue(lastDown < 0.7 * firstDown, "down steps near w_min (" + lastDown + ") much smaller than at w_max (" + firstDown + ")");
    }

    @Test
    void deviceToDeviceSpreadOfStepsAndBoundsMatchesTheParameters() {
        PulsedDevice d = PulsedDevice.defaults(new StepModel.ConstantStep()).withFaults(0, 0);
        int n = 100_000;
        DeviceArray a = new DeviceArray(d, n, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        double s = 0, s2 = 0, m = 0, m2 = 0;
        for (int j = 0; j < n; j++) {
            // With up_down = 0, Δw_up + Δw_down = 2·|g|·dw_min (r cancels) where g = 1 + dtod·ξ.
            double g = (a.upStep(j) + a.downStep(j)) / 2;
            s += g;
            s2 += g * g;
            double hi = a.upperBound(j);
            m += hi;
            m2 += hi * hi;
        }
        double mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
        assertEquals(0.001, mean, 0.02 * 0.001, "mean Δw_min");
        assertEquals(0.3 * 0.001, sd, 0.02 * 0.3 * 0.001, "device-to-device spread of Δw_min");
        double hm = m / n, hsd = Math.sqrt(m2 / n - hm * hm);
        assertEquals(0.6, hm, 0.02 * 0.6, "mean w_max");
        assertEquals(0.3 * 0.6, hsd, 0.02 * 0.18, "device-to-device spread of w_max");
    }

    @Test
    void cycleToCycleNoiseHasTheConfiguredRelativeSpread() {
        PulsedDevice d = new PulsedDevice(new StepModel.ConstantStep(), 0.01, 0, 0.3, 0, 0, -1, 1, 0, 0, true, 0, 0, 0, 0);
        int n = 100_000;
        DeviceArray a = new DeviceArray(d, n, RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        double s = 0, s2 = 0;
        for (int j = 0; j < n; j++) {
            double step = a.pulse(j, +1);
            s += step;
            s2 += step * step;
        }
        double mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
        assertEquals(0.01, mean, 0.02 * 0.01);
        assertEquals(0.3 * 0.01, sd, 0.02 * 0.003);
    }

    @Test
    void writeNoiseAndStochasticRoundingHaveTheirStatistics() {
        int n = 100_000;
        PulsedDevice noisy = new PulsedDevice(new StepModel.ConstantStep(), 0.01, 0, 0, 0, 0, -1, 1, 0, 0, true, 5.0, 0, 0, 0);
        DeviceArray a = new DeviceArray(noisy, n, RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
        double s = 0, s2 = 0, moved = 0;
        for (int j = 0; j < n; j++) {
            double r = a.update(j, 0.025); // 2.5 Δw_min: 2 or 3 pulses, 3 with probability 0.5
            moved += a.hiddenWeight(j);
            double noise = r - a.hiddenWeight(j);
            s += noise;
            s2 += noise * noise;
        }
        assertEquals(0.025, moved / n, 0.02 * 0.025, "stochastic rounding is unbiased");
        double mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
        assertEquals(0.0, mean, 0.02 * 0.05);
        assertEquals(5.0 * 0.01, sd, 0.02 * 0.05, "write noise σ = write_noise_std·Δw_min");
    }

    @Test
    void stuckAtFaultsOccurAtTheirRatesAndIgnorePulses() {
        int n = 100_000;
        double pOn = 0.01, pOff = 0.03;
        PulsedDevice d = PulsedDevice.defaults(new StepModel.ConstantStep()).withFaults(pOn, pOff);
        DeviceArray a = new DeviceArray(d, n, RandomSource.XO_RO_SHI_RO_128_PP.create(11L));
        int on = 0, off = 0;
        for (int j = 0; j < n; j++) {
            byte f = a.fault(j);
            double before = a.weight(j);
            a.pulse(j, f == DeviceArray.STUCK_ON ? -50 : 50);
            if (f == DeviceArray.STUCK_ON) {
                on++;
                assertEquals(a.upperBound(j), a.weight(j), 0.0);
            } else if (f == DeviceArray.STUCK_OFF) {
                off++;
                assertEquals(a.lowerBound(j), a.weight(j), 0.0);
            } else {
                assertNotEquals(before, a.weight(j), "healthy devices move");
            }
            if (f != DeviceArray.HEALTHY) assertEquals(before, a.weight(j), 0.0, "stuck devices ignore pulses");
        }
        // Binomial bounds at 5 standard deviations.
        assertEquals(n * pOn, on, 5 * Math.sqrt(n * pOn * (1 - pOn)), "stuck-at-on count");
        assertEquals(n * pOff, off, 5 * Math.sqrt(n * pOff * (1 - pOff)), "stuck-at-off count");
    }

    @Test
    void finitelyManyLevelsQuantiseTheReadOut() {
        PulsedDevice d = new PulsedDevice(new StepModel.ConstantStep(), 0.003, 0, 0, 0, 0, -1, 1, 0, 0, true, 0, 9, 0, 0);
        DeviceArray a = new DeviceArray(d, 1, RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        java.util.Set<Double> seen = new java.util.TreeSet<>();
        for (int k = 0; k < 1000; k++) seen.add(a.pulse(0, k < 500 ? 1 : -1));
        for (double r : seen) assertEquals(Math.rint((r + 1) / 0.25), (r + 1) / 0.25, 1e-12, "on the 9-level grid: " + r);
        assertTrue(seen.size() <= 9 && seen.size() >= 5, "levels visited: " + seen);
    }

    @Test
    void idealDeviceAppliesTheRequestedChangeExactly() {
        DeviceArray a = one(new StepModel.IdealStep(), 0.001, -1, 1);
        assertEquals(0.123456, a.update(0, 0.123456), 1e-15);
        assertEquals(-1.0, a.update(0, -5), 0.0, "clipped to the range");
    }

    @Test
    void sameSeedGivesTheSameDevicesAndUpdates() {
        PulsedDevice d = DevicePresets.load("reram_es").device();
        DeviceArray a = new DeviceArray(d, 100, RandomSource.XO_RO_SHI_RO_128_PP.create(99L));
        DeviceArray b = new DeviceArray(d, 100, RandomSource.XO_RO_SHI_RO_128_PP.create(99L));
        for (int j = 0; j < 100; j++) assertEquals(a.update(j, 0.01 * (j - 50)), b.update(j, 0.01 * (j - 50)), 0.0);
    }
}
