package difflab.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.schedule.CosineVpSchedule;
import difflab.schedule.DiscreteSchedule;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Time grids (docs/ALGORITHMS.md §7.5, §4.3, §5.4): exact end points, strictly decreasing times, and the defining formula at every
 * interior point, for every grid type on every schedule; bad arguments rejected with the accepted range.
 */
class GridTypeTest {
    static final List<NoiseSchedule> SCHEDULES = List.of(LinearVpSchedule.standard(), new CosineVpSchedule(),
            DiscreteSchedule.ddpmLinear(), DiscreteSchedule.liEtAl(400, 2, 6));
    static final List<GridType> GRIDS = List.of(new GridType.UniformTime(), new GridType.QuadraticTime(),
            new GridType.UniformLogSnr(), new GridType.Karras(GridType.Karras.DEFAULT_RHO),
            new GridType.Nsr(GridType.Nsr.DEFAULT_K));
    static final int[] STEP_COUNTS = {1, 2, 7, 50, 200};
    /** Relative tolerance on the transformed variable: the schedule's round trip is good to ~1e-15. */
    static final double FORMULA_TOLERANCE = 1e-12;

    private static double worst;

    /** Asserts f(t_i) = f(t_T) + (f(t_0) − f(t_T))·i/N, i.e. f is uniformly spaced on the grid. */
    private static void uniformIn(String what, DoubleUnaryOperator f, TimeGrid grid) {
        int n = grid.steps();
        double a = f.applyAsDouble(grid.start());
        double b = f.applyAsDouble(grid.end());
        for (int i = 1; i < n; i++) {
            double expected = a + (b - a) * i / n;
            double actual = f.applyAsDouble(grid.time(i));
            double scale = Math.max(Math.abs(a), Math.abs(b));
            double rel = Math.abs(actual - expected) / scale;
            worst = Math.max(worst, rel);
            assertTrue(rel <= FORMULA_TOLERANCE, what + " at i=" + i + "/" + n + ": " + actual + " vs " + expected
                    + " on " + grid);
        }
    }

    private static void definingFormulaHolds(GridType type, NoiseSchedule s, TimeGrid grid) {
        if (type instanceof GridType.UniformTime) {
            uniformIn("t", t -> t, grid);
        } else if (type instanceof GridType.QuadraticTime) {
            uniformIn("sqrt t", Math::sqrt, grid);
        } else if (type instanceof GridType.UniformLogSnr) {
            uniformIn("lambda", s::lambda, grid);
        } else if (type instanceof GridType.Karras k) {
            uniformIn("sigma-tilde^(1/rho)", t -> Math.pow(s.noiseToSignal(t), 1.0 / k.rho()), grid);
        } else if (type instanceof GridType.Nsr nsr) {
            double nu0 = s.noiseToSignal(grid.end());
            uniformIn("g(nu) = -log(nu + k nu0)", t -> -Math.log(s.noiseToSignal(t) + nsr.k() * nu0), grid);
        } else {
            throw new AssertionError("untested grid " + type);
        }
    }

    @Test
    void everyGridHasExactEndsDecreasesStrictlyAndObeysItsFormula() {
        worst = 0;
        for (NoiseSchedule s : SCHEDULES) {
            double start = s.tMax();
            double end = Math.max(s.tMinDefault(), s.tMin());
            for (GridType type : GRIDS) {
                for (int steps : STEP_COUNTS) {
                    TimeGrid grid = type.build(s, start, end, steps);
                    assertEquals(steps, grid.steps());
                    assertEquals(start, grid.start(), 0.0, type.id() + " on " + s.id());
                    assertEquals(end, grid.end(), 0.0, type.id() + " on " + s.id());
                    for (int i = 1; i <= steps; i++) {
                        assertTrue(grid.time(i) < grid.time(i - 1), type.id() + " on " + s.id() + " at " + i);
                    }
                    definingFormulaHolds(type, s, grid);
                }
            }
        }
        System.out.printf("grids: worst relative deviation from the defining spacing %.3e%n", worst);
    }

    @Test
    void uniformTimeAndKarrasMatchTheirFormulasAtKnownPoints() {
        NoiseSchedule s = LinearVpSchedule.standard();
        TimeGrid uniform = new GridType.UniformTime().build(s, 1.0, 1e-3, 4);
        assertEquals(1.0 + (1e-3 - 1.0) * 0.25, uniform.time(1), 1e-16);
        // Karras with rho = 7 in sigma-tilde: (smax^(1/7) + i/N (smin^(1/7) - smax^(1/7)))^7 (docs/ALGORITHMS.md §7.5)
        TimeGrid karras = new GridType.Karras(7).build(s, 1.0, 1e-3, 10);
        double smax = s.noiseToSignal(1.0);
        double smin = s.noiseToSignal(1e-3);
        for (int i = 0; i <= 10; i++) {
            double expected = Math.pow(Math.pow(smax, 1 / 7.0) + i / 10.0 * (Math.pow(smin, 1 / 7.0)
                    - Math.pow(smax, 1 / 7.0)), 7);
            assertEquals(expected, s.noiseToSignal(karras.time(i)), 1e-12 * expected, "i=" + i);
        }
    }

    @Test
    void stepsBelowOneAreRejected() {
        NoiseSchedule s = LinearVpSchedule.standard();
        for (GridType type : GRIDS) {
            for (int steps : new int[] {0, -3}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> type.build(s, 1.0, 1e-3, steps));
                assertTrue(e.getMessage().contains("steps=" + steps) && e.getMessage().contains(">= 1"), e.getMessage());
            }
        }
    }

    @Test
    void endTimeOutsideTheScheduleIsRejected() {
        NoiseSchedule s = LinearVpSchedule.standard();
        for (GridType type : GRIDS) {
            for (double t0 : new double[] {0.0, -1e-3, Double.NaN, 1.5}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> type.build(s, 1.0, t0, 10));
                assertTrue(e.getMessage().contains("t_0=" + t0) && e.getMessage().contains("accepted (0, 1.0]"),
                        e.getMessage());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> type.build(s, 1.2, 1e-3, 10));
            assertTrue(e.getMessage().contains("t_T=1.2") && e.getMessage().contains("accepted (0, 1.0]"),
                    e.getMessage());
        }
        NoiseSchedule ddpm = DiscreteSchedule.ddpmLinear();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GridType.UniformLogSnr().build(ddpm, 1.0, 1e-4, 10));
        assertTrue(e.getMessage().contains("t_0=1.0E-4") && e.getMessage().contains("accepted [0.001, 1.0]"),
                e.getMessage());
    }

    @Test
    void endTimeNotBelowStartIsRejected() {
        NoiseSchedule s = LinearVpSchedule.standard();
        for (GridType type : GRIDS) {
            for (double t0 : new double[] {0.5, 0.7}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> type.build(s, 0.5, t0, 10));
                assertTrue(e.getMessage().contains("t_0=" + t0) && e.getMessage().contains("t_0 < t_T"), e.getMessage());
            }
        }
    }

    @Test
    void badGridParametersAndNamesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GridType.Karras(0));
        assertTrue(e.getMessage().contains("rho=0.0") && e.getMessage().contains("rho > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GridType.Nsr(-1));
        assertTrue(e.getMessage().contains("k=-1.0") && e.getMessage().contains("k > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Grids.byName("cosine"));
        assertTrue(e.getMessage().contains("'cosine'"), e.getMessage());
        for (String name : Grids.NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
            assertEquals(name, Grids.byName(name).id());
        }
        assertEquals("karras(rho=5.0)", Grids.byName("karras", 5.0).id());
        assertEquals("nsr(k=2.0)", Grids.byName("nsr", 2.0).id());
    }

    @Test
    void explicitGridsMustDecreaseStrictly() {
        NoiseSchedule s = LinearVpSchedule.standard();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeGrid.of(s, 1.0, 0.5, 0.5, 0.1));
        assertTrue(e.getMessage().contains("t[2]=0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(s, 1.0));
    }
}
