package difflab.exact1d;

import difflab.fors.AcceptanceRule;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.ReferencePoint;
import difflab.fors.StepGeometry;
import difflab.target.Target;
import java.util.stream.IntStream;

/**
 * The exact accepted-output kernel of one FORS diffusion step (docs/ALGORITHMS.md §6.3–6.4; the instantiation is a
 * reconstruction, see {@link ForsDiffusionSampler}) acting on 1-D grid densities.
 *
 * <p><b>The kernel (DERIVED).</b> One attempt proposes x ~ q(· | x<sub>s</sub>) and accepts with probability
 * A(x) = E[Q | x] = e<sup>w̃(x) − B</sup>, w̃(x) = E[clip<sub>B</sub>(W) | x] (the FORS identity). Attempts are independent
 * and repeated until one accepts, so the output density is
 * <pre>  k(x | x_s) = Σ_{n≥1} (1 − p)^{n−1}·q(x)A(x) = q(x)·e^{w̃(x)} / Z(x_s),   Z = ∫ q e^{w̃},   p = Z·e^{−B}</pre>
 * the <i>normalised</i> tilt: e<sup>−B</sup> cancels, and no output mass is lost to rejection. (A sampler that gave
 * up after a fixed number of tries would instead mix in its fallback; {@link difflab.fors.ForsRunner} never
 * gives up.)
 *
 * <p><b>Computing w̃.</b> With Δ = x − y, the segment z = y + uΔ and g(z) = s<sub>t</sub>(z) − s<sub>t</sub>(y),
 * W(u) = g(z)Δ and clip<sub>B</sub>(W) = W − (W − B)<sub>+</sub> + (−B − W)<sub>+</sub>, so with τ = B/|Δ|
 * <pre>
 *   w̃(x) = R(x) − H(+sgnΔ) + H(−sgnΔ),   H(±) = ∫_{[y,x]} (±g(z) − τ)_+ dz,
 *   R(x) = ∫_0^1 W du = log q_t(x) − log q_t(y) − s_t(y)·Δ            (the line-integral identity, exact)
 * </pre>
 * R comes from the target's exact log-density. The corrections H are integrals over the grid cells between y
 * and x of the positive part of a shifted, cell-wise polynomial interpolant of s<sub>t</sub> ({@link CellRule}):
 * cells entirely above the level contribute ∫(±g) − τ·h, cells below contribute 0, cells straddling it are
 * integrated exactly between the located crossings. As x moves away from y, τ decreases monotonically, so each
 * cell moves at most once from "below" to "straddling" to "above"; a sweep per row and direction keeps the
 * sums, and w̃ costs O(1) amortised per (x<sub>s</sub>, x) pair instead of a Gauss–Legendre integration with kinks
 * per pair. {@link ClippedTilt#direct} (Gauss–Legendre over U, split at the crossings, exact scores) and the
 * Gaussian closed form check it in {@code ForsGridTransitionTest}.
 *
 * <p><b>Quadrature and accuracy.</b> For each input grid point x<sub>s</sub> = z<sub>i</sub>, k(·|z<sub>i</sub>) is evaluated on the grid
 * points within {@link #bandStds} proposal standard deviations of the proposal mean (the kernel's mass
 * outside is below 1e-17) and normalised by its trapezoid sum, so the discrete step conserves mass exactly;
 * with B = ∞ the sum reproduces the closed-form normaliser Z = a·q<sub>s</sub>(x<sub>s</sub>)·exp(s<sub>y</sub>(y − x<sub>s</sub>/a) −
 * s<sub>y</sub>²ω²/2 − log q<sub>t</sub>(y)) (tested). w̃ is C¹ but not C² in x where clipping starts, so near those
 * points the trapezoid rule is only third order: the clipping bias is measured with a relative error of order
 * (h/ω)³, ω = b/a the proposal's standard deviation (see the grid-refinement check of the high-accuracy
 * experiment). A row whose band reaches past the grid is cut at the grid's edge and the bound
 * e<sup>2B − d²/2</sup>·(row mass) on the kernel mass beyond it (d the edge's distance in proposal standard
 * deviations) is added to the skipped mass; rows whose reference point or proposal mean leaves the grid are
 * skipped and their mass is added to it.
 *
 * <p><b>Expected cost.</b> Attempts are geometric with success p(x<sub>s</sub>) = Z e<sup>−B</sup>; by Wald's identity the
 * expected estimator draws per step are 2B/p (product rule) or E<sub>q</sub>[D]/p with
 * D(x) = 2B(1 − e<sup>w̃−B</sup>)/(B − w̃) (sequential rule), plus the fixed score calls; averaged over the input
 * density this is {@link Outcome#expectedEvaluations()}.
 */
public final class ForsGridTransition implements GridTransition {
    /**
     * log of the relative mass a kernel row may leave out: the row spans k(B) = sqrt(2(2B + {@value #BAND_LOG_TAIL}))
     * proposal standard deviations either side of the proposal mean, so that the proposal's tail beyond it,
     * e<sup>−k²/2</sup>, times the largest possible tilt ratio e<sup>2B</sup> stays below e<sup>−40</sup> ≈ 4e-18. Without
     * clipping (B = ∞) the tilt is unbounded and the row spans the whole grid.
     */
    public static final double BAND_LOG_TAIL = 40.0;
    /** Input rows carrying less than this mass (h·p) are skipped and counted in the skipped mass. */
    public static final double NEGLIGIBLE_ROW_MASS = 1e-24;
    /** The proposal's standard deviation must span at least this many grid spacings. */
    public static final double MIN_POINTS_PER_STD = 2.0;

    private final Target target;
    private final Grid1d grid;
    private final StepGeometry geometry;
    private final double bound;
    private final AcceptanceRule rule;
    private final int fixedEvaluations;
    private final double omega;
    private final double[] z;
    private final double[] logDensity;
    private final double[] ys;
    private final double[] sys;
    private final double[] logDensityAtY;
    private final double[] means;
    private final double[] firstNodes;
    private final ScoreCells cells;

    private ForsGridTransition(Target target, Grid1d grid, StepGeometry g, ReferencePoint reference, double bound,
            AcceptanceRule rule, int fixedEvaluations) {
        GridDensity.requireOneDimensional(target);
        this.target = target;
        this.grid = grid;
        this.geometry = g;
        this.bound = bound;
        this.rule = rule;
        this.fixedEvaluations = fixedEvaluations;
        this.omega = g.proposalStd();
        double h = grid.spacing();
        if (omega < MIN_POINTS_PER_STD * h) {
            throw new IllegalArgumentException("grid spacing h=" + h + " does not resolve the step from t="
                    + g.timeFrom() + " to t=" + g.timeTo() + " (proposal std " + omega + "); accepted: h <= std/"
                    + MIN_POINTS_PER_STD);
        }
        int n = grid.points();
        z = grid.coordinates();
        double at = g.alphaTo();
        double st = g.sigmaTo();
        logDensity = new double[n];
        double[] point = new double[1];
        for (int m = 0; m < n; m++) {
            point[0] = z[m];
            logDensity[m] = target.logDensity(at, st, point);
        }
        double a = g.a();
        double b2 = g.bSquared();
        ys = new double[n];
        if (reference == ReferencePoint.DDPM_MEAN) {
            double[] sFrom = ScoreCells.scores(target, g.alphaFrom(), g.sigmaFrom(), z);
            for (int i = 0; i < n; i++) {
                ys[i] = (z[i] + b2 * sFrom[i]) / a;
            }
        } else {
            for (int i = 0; i < n; i++) {
                ys[i] = z[i] / a;
            }
        }
        sys = ScoreCells.scores(target, at, st, ys);
        means = new double[n];
        logDensityAtY = new double[n];
        for (int i = 0; i < n; i++) {
            means[i] = z[i] / a + (b2 / (a * a)) * sys[i];
            point[0] = ys[i];
            logDensityAtY[i] = target.logDensity(at, st, point);
        }
        cells = Double.isInfinite(bound) ? null : new ScoreCells(target, at, st, grid);
        firstNodes = Double.isInfinite(bound) ? null : firstCellNodes();
    }

    /** The kernel of step {@code g} of the FORS sampler. */
    public static ForsGridTransition of(ForsDiffusionSampler sampler, StepGeometry g, Target target, Grid1d grid) {
        return new ForsGridTransition(target, grid, g, sampler.reference(), sampler.parameters().bound(),
                sampler.parameters().rule(), sampler.fixedEvaluationsPerStep());
    }

    /**
     * The kernel without clipping (B = ∞): the exact reverse kernel q<sub>t</sub>(x)·N(x<sub>s</sub>; a x, b²)/q<sub>s</sub>(x<sub>s</sub>) up to
     * quadrature. Not a runnable sampler (its Poisson mean is infinite), so its expected cost is NaN.
     */
    public static ForsGridTransition unclipped(ReferencePoint reference, StepGeometry g, Target target, Grid1d grid) {
        return new ForsGridTransition(target, grid, g, reference, Double.POSITIVE_INFINITY, AcceptanceRule.PRODUCT,
                1 + reference.extraEvaluations());
    }

    /** Score values at the Gauss–Legendre nodes of each row's first (partial) cells [y, z_jr] and [z_jl, y]. */
    private double[] firstCellNodes() {
        int n = z.length;
        int g = CellRule.NODES;
        double[] pts = new double[n * 2 * g];
        double z0 = grid.lower();
        double h = grid.spacing();
        for (int i = 0; i < n; i++) {
            double y = ys[i];
            if (!grid.contains(y)) {
                continue;
            }
            int jr = rightIndex(y, z0, h);
            double rightEnd = jr < n ? z[jr] : y;
            double leftEnd = z[jr - 1];
            for (int q = 0; q < g; q++) {
                double f = 0.5 * (1.0 + CellRule.INSTANCE.xi[q]);
                pts[(2 * i) * g + q] = y + f * (rightEnd - y);
                pts[(2 * i + 1) * g + q] = leftEnd + f * (y - leftEnd);
            }
        }
        return ScoreCells.scores(target, geometry.alphaTo(), geometry.sigmaTo(), pts);
    }

    /** The first grid index with z &gt; y (y inside the grid; may equal the number of points). */
    private int rightIndex(double y, double z0, double h) {
        int jr = (int) Math.floor((y - z0) / h) + 1;
        jr = Math.max(1, jr);
        while (jr < z.length && z[jr] <= y) {
            jr++;
        }
        while (jr > 1 && z[jr - 1] > y) {
            jr--;
        }
        return jr;
    }

    public Grid1d grid() {
        return grid;
    }

    public StepGeometry geometry() {
        return geometry;
    }

    /**
     * One row of the kernel, for the input point x<sub>s</sub> = z<sub>i</sub>.
     *
     * @param first            grid index of the first entry
     * @param clippedTilt      w̃ at z<sub>first</sub>, z<sub>first+1</sub>, …
     * @param kernel           k(z<sub>m</sub> | x<sub>s</sub>) at the same points (trapezoid-normalised)
     * @param logNormalizer    log Z = log ∫ q e<sup>w̃</sup> (trapezoid)
     * @param referencePoint   y
     * @param proposalMean     the proposal mean
     * @param expectedDraws    expected estimator draws of the step at this x<sub>s</sub> (NaN for B = ∞)
     */
    public record RowKernel(int first, double[] clippedTilt, double[] kernel, double logNormalizer,
            double referencePoint, double proposalMean, double expectedDraws) {
    }

    /**
     * The kernel row of input grid point i.
     *
     * @throws IllegalArgumentException if the row's reference point or band leaves the grid
     */
    public RowKernel row(int i) {
        Workspace ws = new Workspace(z.length, cells);
        if (!computeRow(i, 0.0, ws)) {
            throw new IllegalArgumentException("row " + i + " (x_s=" + z[i] + ") leaves the grid " + grid);
        }
        double[] tilt = java.util.Arrays.copyOf(ws.tilt, ws.length);
        double[] kernel = java.util.Arrays.copyOf(ws.kernel, ws.length);
        return new RowKernel(ws.first, tilt, kernel, ws.logNormalizer, ys[i], means[i], ws.expectedDraws);
    }

    @Override
    public Outcome apply(GridDensity in) {
        return applyWithCosts(in).outcome();
    }

    /**
     * The step's outcome with the cost of both acceptance rules (they accept with the same probability, so the
     * output density is the same) and the mean acceptance probability per attempt.
     *
     * @param outcome               the outcome under this transition's own rule
     * @param productEvaluations    expected score evaluations per sample under {@link AcceptanceRule#PRODUCT}
     * @param sequentialEvaluations the same under {@link AcceptanceRule#SEQUENTIAL}
     * @param meanAcceptance        E over the input density of the acceptance probability Z·e<sup>−B</sup>
     */
    public record Costs(Outcome outcome, double productEvaluations, double sequentialEvaluations,
            double meanAcceptance) {
    }

    /** {@link #apply} with the costs of both rules (NaN for B = ∞). */
    public Costs applyWithCosts(GridDensity in) {
        if (!in.grid().equals(grid)) {
            throw new IllegalArgumentException("density grid " + in.grid() + " differs from the transition's " + grid);
        }
        int n = z.length;
        double h = grid.spacing();
        int[][] chunks = RowChunks.of(n);
        double[][] partial = new double[chunks.length][];
        double[] skipped = new double[chunks.length];
        double[] processed = new double[chunks.length];
        double[] draws = new double[chunks.length];
        double[] productDraws = new double[chunks.length];
        double[] sequentialDraws = new double[chunks.length];
        double[] acceptance = new double[chunks.length];
        IntStream.range(0, chunks.length).parallel().forEach(c -> {
            double[] out = new double[n];
            Workspace ws = new Workspace(n, cells);
            for (int i = chunks[c][0]; i < chunks[c][1]; i++) {
                double w = h * in.value(i);
                if (w < NEGLIGIBLE_ROW_MASS || !computeRow(i, w, ws)) {
                    skipped[c] += w;
                    continue;
                }
                skipped[c] += ws.truncatedMass;
                for (int k = 0; k < ws.length; k++) {
                    out[ws.first + k] += w * ws.kernel[k];
                }
                processed[c] += w;
                draws[c] += w * ws.expectedDraws;
                productDraws[c] += w * ws.productDraws;
                sequentialDraws[c] += w * ws.sequentialDraws;
                acceptance[c] += w * ws.acceptance;
            }
            partial[c] = out;
        });
        double[] out = RowChunks.sum(partial, n);
        double skip = 0;
        double mass = 0;
        double expectedDraws = 0;
        double product = 0;
        double sequential = 0;
        double accept = 0;
        for (int c = 0; c < chunks.length; c++) {
            skip += skipped[c];
            mass += processed[c];
            expectedDraws += draws[c];
            product += productDraws[c];
            sequential += sequentialDraws[c];
            accept += acceptance[c];
        }
        double norm = mass > 0 ? 1.0 / mass : 0.0;
        Outcome o = new Outcome(GridDensity.adopt(grid, out), fixedEvaluations + expectedDraws * norm, skip);
        return new Costs(o, fixedEvaluations + product * norm, fixedEvaluations + sequential * norm, accept * norm);
    }

    /** Fills ws with row i's band, clipped tilt and normalised kernel; false if the row leaves the grid. */
    private boolean computeRow(int i, double rowMass, Workspace ws) {
        int n = z.length;
        double h = grid.spacing();
        double z0 = grid.lower();
        double y = ys[i];
        double mu = means[i];
        if (!grid.contains(y)) {
            return false;
        }
        ws.truncatedMass = 0;
        int lo;
        int hi;
        if (Double.isInfinite(bound)) {
            lo = 0;
            hi = n - 1;
        } else {
            double band = bandStds(bound);
            lo = (int) Math.ceil((mu - band * omega - z0) / h);
            hi = (int) Math.floor((mu + band * omega - z0) / h);
            if (lo < 0 || hi > n - 1) {
                double below = (mu - z0) / omega;
                double above = (grid.upper() - mu) / omega;
                double tail = Math.exp(2.0 * bound - 0.5 * Math.min(below, above) * Math.min(below, above));
                if (!(below > 0 && above > 0)) {
                    return false;
                }
                ws.truncatedMass = rowMass * Math.min(1.0, tail);
                lo = Math.max(lo, 0);
                hi = Math.min(hi, n - 1);
            }
        }
        ws.first = lo;
        ws.length = hi - lo + 1;
        double sy = sys[i];
        double ly = logDensityAtY[i];
        double[] tilt = ws.tilt;
        for (int m = lo; m <= hi; m++) {
            tilt[m - lo] = logDensity[m] - ly - sy * (z[m] - y);
        }
        if (Double.isFinite(bound)) {
            subtractClipping(i, y, sy, lo, hi, ws);
        }
        double logNorm = -Math.log(omega * Math.sqrt(2 * Math.PI));
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < ws.length; k++) {
            double r = (z[lo + k] - mu) / omega;
            double logq = -0.5 * r * r + logNorm;
            ws.logProposal[k] = logq;
            ws.kernel[k] = logq + tilt[k];
            max = Math.max(max, ws.kernel[k]);
        }
        double sum = 0;
        double sequentialDraws = 0;
        for (int k = 0; k < ws.length; k++) {
            double e = Math.exp(ws.kernel[k] - max);
            ws.kernel[k] = e;
            sum += e;
            if (Double.isFinite(bound)) {
                sequentialDraws += Math.exp(ws.logProposal[k]) * sequentialDrawsAt(tilt[k]);
            }
        }
        double inv = 1.0 / (sum * h);
        for (int k = 0; k < ws.length; k++) {
            ws.kernel[k] *= inv;
        }
        ws.logNormalizer = max + Math.log(sum * h);
        if (Double.isFinite(bound)) {
            ws.acceptance = Math.exp(ws.logNormalizer - bound);
            ws.productDraws = 2.0 * bound / ws.acceptance;
            ws.sequentialDraws = sequentialDraws * h / ws.acceptance;
            ws.expectedDraws = rule == AcceptanceRule.PRODUCT ? ws.productDraws : ws.sequentialDraws;
        } else {
            ws.acceptance = Double.NaN;
            ws.productDraws = Double.NaN;
            ws.sequentialDraws = Double.NaN;
            ws.expectedDraws = Double.NaN;
        }
        return true;
    }

    /** Half-width of a kernel row in proposal standard deviations for bound B (see {@link #BAND_LOG_TAIL}). */
    public static double bandStds(double bound) {
        return Math.sqrt(2.0 * (2.0 * bound + BAND_LOG_TAIL));
    }

    /** E[draws | x] under the sequential rule: 2B(1 − e<sup>w̃−B</sup>)/(B − w̃), → 2B as w̃ → B. */
    private double sequentialDrawsAt(double tilt) {
        double gap = bound - tilt;
        if (gap <= 1e-12 * bound) {
            return 2.0 * bound;
        }
        return 2.0 * bound * -Math.expm1(-gap) / gap;
    }

    /** Adds −H(+sgnΔ) + H(−sgnΔ) to ws.tilt over the band, sweeping outwards from y on both sides. */
    private void subtractClipping(int i, double y, double sy, int lo, int hi, Workspace ws) {
        int n = z.length;
        double h = grid.spacing();
        int jr = rightIndex(y, grid.lower(), h);
        int jl = jr - 1;
        int g = CellRule.NODES;
        // right side: x = z_m > y, m = jr..hi; first cell [y, z_jr]
        if (hi >= jr) {
            FirstCell first = ws.firstCell(firstNodes, (2 * i) * g, z[jr] - y);
            ws.plus.reset(+1.0, sy);
            ws.minus.reset(-1.0, sy);
            for (int m = jr; m <= hi; m++) {
                double tau = bound / (z[m] - y);
                if (m > jr) {
                    ws.plus.add(m - 1, tau);
                    ws.minus.add(m - 1, tau);
                }
                ws.plus.advance(tau);
                ws.minus.advance(tau);
                if (m >= lo) {
                    double hPlus = ws.plus.value(tau) + first.contribution(+1.0, sy, tau);
                    double hMinus = ws.minus.value(tau) + first.contribution(-1.0, sy, tau);
                    ws.tilt[m - lo] += -hPlus + hMinus;
                }
            }
        }
        // left side: x = z_m < y, m = jl..lo; first cell [z_jl, y]
        if (lo <= jl) {
            FirstCell first = ws.firstCell(firstNodes, (2 * i + 1) * g, y - z[jl]);
            ws.plus.reset(+1.0, sy);
            ws.minus.reset(-1.0, sy);
            for (int m = jl; m >= lo; m--) {
                double delta = y - z[m];
                if (delta <= 0) {
                    continue;
                }
                double tau = bound / delta;
                if (m < jl) {
                    ws.plus.add(m, tau);
                    ws.minus.add(m, tau);
                }
                ws.plus.advance(tau);
                ws.minus.advance(tau);
                if (m <= hi) {
                    double hPlus = ws.plus.value(tau) + first.contribution(+1.0, sy, tau);
                    double hMinus = ws.minus.value(tau) + first.contribution(-1.0, sy, tau);
                    ws.tilt[m - lo] += -hMinus + hPlus;
                }
            }
        }
    }

    /** A row's partial first cell: its interpolant, samples, bounds and integral over its actual width. */
    private static final class FirstCell {
        final double[] nodes = new double[CellRule.NODES];
        final double[] samples = new double[CellRule.SAMPLES + 1];
        final double[] bounds = new double[2];
        double width;
        double integral;

        void load(double[] all, int off, double w) {
            System.arraycopy(all, off, nodes, 0, CellRule.NODES);
            CellRule.INSTANCE.sample(nodes, 0, samples, 0);
            CellRule.bounds(samples, 0, bounds);
            width = w;
            integral = 0.5 * w * CellRule.INSTANCE.integral(nodes, 0);
        }

        /** ∫_cell (sign·(s − sy) − τ)<sub>+</sub>. */
        double contribution(double sign, double sy, double tau) {
            if (width <= 0) {
                return 0.0;
            }
            double hMin = sign > 0 ? bounds[0] - sy : sy - bounds[1];
            double hMax = sign > 0 ? bounds[1] - sy : sy - bounds[0];
            if (hMin >= tau) {
                return sign * (integral - sy * width) - tau * width;
            }
            if (hMax <= tau) {
                return 0.0;
            }
            return 0.5 * width * CellRule.INSTANCE.positivePart(nodes, 0, samples, 0, sign, sy, tau);
        }
    }

    /**
     * The running sums of one sign's sweep: cells entirely above the level (their integral and length summed),
     * cells straddling it (a short list, integrated exactly on demand), and cells below it in a max-heap keyed by
     * their upper bound, from which they leave as τ decreases.
     */
    private static final class Sweep {
        private final ScoreCells cells;
        private final double[] heapKey;
        private final int[] heapCell;
        private final int[] partial;
        private int heapSize;
        private int partialSize;
        private double sign;
        private double sy;
        private double fullIntegral;
        private double fullLength;

        Sweep(ScoreCells cells, int capacity) {
            this.cells = cells;
            heapKey = new double[capacity];
            heapCell = new int[capacity];
            partial = new int[capacity];
        }

        void reset(double sign, double sy) {
            this.sign = sign;
            this.sy = sy;
            heapSize = 0;
            partialSize = 0;
            fullIntegral = 0;
            fullLength = 0;
        }

        private double hMin(int c) {
            return sign > 0 ? cells.lower[c] - sy : sy - cells.upper[c];
        }

        private double hMax(int c) {
            return sign > 0 ? cells.upper[c] - sy : sy - cells.lower[c];
        }

        private void full(int c) {
            fullIntegral += sign * (cells.integral[c] - sy * cells.spacing);
            fullLength += cells.spacing;
        }

        void add(int c, double tau) {
            if (hMin(c) >= tau) {
                full(c);
            } else if (hMax(c) > tau) {
                partial[partialSize++] = c;
            } else {
                push(hMax(c), c);
            }
        }

        void advance(double tau) {
            while (heapSize > 0 && heapKey[0] > tau) {
                int c = pop();
                if (hMin(c) >= tau) {
                    full(c);
                } else {
                    partial[partialSize++] = c;
                }
            }
            for (int k = 0; k < partialSize;) {
                int c = partial[k];
                if (hMin(c) >= tau) {
                    full(c);
                    partial[k] = partial[--partialSize];
                } else {
                    k++;
                }
            }
        }

        double value(double tau) {
            double v = fullIntegral - tau * fullLength;
            int g = CellRule.NODES;
            int k1 = CellRule.SAMPLES + 1;
            for (int k = 0; k < partialSize; k++) {
                int c = partial[k];
                v += 0.5 * cells.spacing
                        * CellRule.INSTANCE.positivePart(cells.nodes, c * g, cells.samples, c * k1, sign, sy, tau);
            }
            return v;
        }

        private void push(double key, int c) {
            int k = heapSize++;
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (heapKey[parent] >= key) {
                    break;
                }
                heapKey[k] = heapKey[parent];
                heapCell[k] = heapCell[parent];
                k = parent;
            }
            heapKey[k] = key;
            heapCell[k] = c;
        }

        private int pop() {
            int top = heapCell[0];
            double key = heapKey[--heapSize];
            int cell = heapCell[heapSize];
            int k = 0;
            while (true) {
                int child = 2 * k + 1;
                if (child >= heapSize) {
                    break;
                }
                if (child + 1 < heapSize && heapKey[child + 1] > heapKey[child]) {
                    child++;
                }
                if (heapKey[child] <= key) {
                    break;
                }
                heapKey[k] = heapKey[child];
                heapCell[k] = heapCell[child];
                k = child;
            }
            heapKey[k] = key;
            heapCell[k] = cell;
            return top;
        }
    }

    /** Per-thread scratch for rows. */
    private static final class Workspace {
        final double[] tilt;
        final double[] kernel;
        final double[] logProposal;
        final Sweep plus;
        final Sweep minus;
        private final FirstCell firstCell = new FirstCell();
        int first;
        int length;
        double truncatedMass;
        double logNormalizer;
        double expectedDraws;
        double productDraws;
        double sequentialDraws;
        double acceptance;

        Workspace(int n, ScoreCells cells) {
            tilt = new double[n];
            kernel = new double[n];
            logProposal = new double[n];
            plus = cells == null ? null : new Sweep(cells, n);
            minus = cells == null ? null : new Sweep(cells, n);
        }

        FirstCell firstCell(double[] all, int off, double width) {
            firstCell.load(all, off, width);
            return firstCell;
        }
    }
}
