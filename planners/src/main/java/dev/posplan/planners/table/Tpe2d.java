package dev.posplan.planners.table;

import dev.posplan.multimodal.AudioVideoBlock;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.PaddingRun;
import dev.posplan.multimodal.Segment;
import dev.posplan.multimodal.TableBlock;
import dev.posplan.multimodal.TextRun;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.multimodal.table.TableGrid;
import dev.posplan.planners.DType;
import dev.posplan.planners.PaddingSide;
import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.allocation.Rotary;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * 2D-TPE, two-dimensional table positional encoding (arXiv 2409.19700; zyx-hfut/2D-TPE @ b1eeb904;
 * table-camera.md §1). A table is serialised as a {@link TableGrid} of 2R × (2C+1) items; every token gets
 * four integer positions (§1.2), the plan's axes {@link #AXES}:
 * <ul>
 *   <li>{@code tx}: the token's index — the row-wise traversal (identity permutation);</li>
 *   <li>{@code ty}: outside tables the index; inside a table the token's rank in the column-major
 *       traversal of the grid starting at the table's first index (a cell's tokens stay together, in order);</li>
 *   <li>{@code px}, {@code py}: outside tables a second counter; a token in grid row i / grid column j of a
 *       table entered at counter q gets {@code q-1 + (W+1)(i+1)} / {@code q-1 + (2R+1)(j+1)}, and text after
 *       the table resumes at {@code q-1 + (W+1)(2R+1)}.</li>
 * </ul>
 * Generated tokens continue every axis at its last value + 1 ({@code inference.py}).
 *
 * <p>Frequencies (§1.3): the model does not split rotary pairs between axes. Attention runs twice on the
 * same q, k, v — a row pass rotating every pair with {@code tx} in natural order, and a column pass rotating
 * every pair with {@code ty} after gathering the tokens in {@link #columnOrder} order — and a per-head,
 * per-token router mixes the two outputs. Both passes use plain Llama RoPE (rotate-half, full head_dim,
 * base rope_theta). {@code px}/{@code py} are not rotated; they only size the cos/sin cache
 * ({@code max + 1}), hence {@link PositionPlan#maxPosition()} is the maximum over all four axes.
 * {@link #frequencies()} is the row pass, {@link #passes()} lists both.
 *
 * <p>The input is a {@link TokenStream} of text runs and {@link TableBlock}s (the text before and after each
 * table as text runs); without a table every token gets its index on all four axes. Padding continues every
 * axis from its last value (the collator's rule, {@code DataCollatorForSupervisedDataset}), and a batch pads
 * on the right ({@link #paddingSide()}), as the collator does. Visual blocks are rejected.
 *
 * <p>Where posplan differs from the reference (§1.1, §1.2, §1.6): non-rectangular or row-less tables raise
 * instead of being dropped silently; {@code ty} always follows the contiguous-cell rule of the pinned
 * numpy 1.23 (numpy ≥ 1.24 makes the reference drop every table with a multi-token cell); sequences longer
 * than {@code model_max_length} are planned, not dropped; linear RoPE scaling ({@code model_max_length >
 * max_position_embeddings}) is not part of the allocation; several tables per sequence are accepted (§1.4).
 */
public final class Tpe2d implements Scheme {

    /** Axis names of the plans: row-wise id, column-wise id, and the two unrotated 2D ids. */
    public static final List<String> AXES = List.of("tx", "ty", "px", "py");
    public static final int TX = 0;
    public static final int TY = 1;
    public static final int PX = 2;
    public static final int PY = 3;

    private final Rotary rotary;
    private final Map<String, Object> parameters;

    private Tpe2d(Rotary rotary, Map<String, Object> parameters) {
        this.rotary = rotary;
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public String name() {
        return "tpe2d";
    }

    /**
     * Positions of a stream of text runs, tables and padding. Every text run is a non-table run, whatever
     * its role. Padding token k (1, 2, …) gets the axis's last value + k, the last value being that of the
     * token before it (padding included, so consecutive runs keep counting); padding takes no position of
     * its own: text after it and the decode start continue from the last non-padding token.
     *
     * @throws IllegalArgumentException for a visual block: 2D-TPE positions text and tables only
     */
    @Override
    public PositionPlan plan(TokenStream stream) {
        Fill fill = new Fill(stream.length());
        for (Segment s : stream.segments()) {
            if (s instanceof TextRun t) {
                fill.text(t.tokens());
            } else if (s instanceof TableBlock t) {
                fill.table(t.grid());
            } else if (s instanceof PaddingRun p) {
                fill.padding(p.tokens());
            } else if (s instanceof VisualBlock v) {
                throw InvalidInputException.of("scheme 'tpe2d' cannot plan a visual block (" + v.modality()
                        + ", " + v.tokens() + " tokens): 2D-TPE positions text and tables only");
            } else if (s instanceof AudioVideoBlock) {
                throw InvalidInputException.of("scheme 'tpe2d' cannot plan a video with audio: 2D-TPE positions "
                        + "text and tables only");
            } else {
                throw new IllegalStateException("unhandled segment " + s);
            }
        }
        return fill.plan(stream.unpaddedLength());
    }

    /** The collator pads on the right, continuing every axis. */
    @Override
    public PaddingSide paddingSide() {
        return PaddingSide.RIGHT;
    }

    /** The row pass: every pair rotates with {@code tx}. */
    @Override
    public PairAllocation frequencies() {
        return pass("row-pass", TX);
    }

    /** Both attention passes: the row pass ({@code tx}) then the column pass ({@code ty}). */
    public List<PairAllocation> passes() {
        return List.of(frequencies(), pass("column-pass", TY));
    }

    private PairAllocation pass(String rule, int axis) {
        int[] pairAxis = new int[rotary.pairs()];
        Arrays.fill(pairAxis, axis);
        return rotary.pairwise(rule, AXES, pairAxis);
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** {@code token_ids = tx ‖ ty}, length 2N: what the model's RoPE reads. */
    public static int[] tokenIds(PositionPlan plan) {
        return twoAxes(plan, TX);
    }

    /** {@code position_ids = px ‖ py}, length 2N: required by the model, used only for the cache size. */
    public static int[] positionIds(PositionPlan plan) {
        return twoAxes(plan, PX);
    }

    /**
     * {@code argsort(ty)}: the gather order of the column pass (token indices in column-major order).
     * Ties, which only padding can make, keep index order.
     */
    public static int[] columnOrder(PositionPlan plan) {
        java.nio.IntBuffer ty = checked(plan).axis(TY);
        int n = plan.length();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (long) ty.get(i) << 32 | i;   // ty >= 0, so the packed keys sort by (ty, index)
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (int) keys[k];
        }
        return order;
    }

    private static PositionPlan.Int32 checked(PositionPlan plan) {
        if (!plan.axisNames().equals(AXES) || !(plan instanceof PositionPlan.Int32 ints)) {
            throw InvalidInputException.of("not a tpe2d plan: axes " + plan.axisNames() + ", " + plan.dtype());
        }
        return ints;
    }

    /** Axes {@code first} and {@code first + 1} of a tpe2d plan, concatenated. */
    private static int[] twoAxes(PositionPlan plan, int first) {
        PositionPlan.Int32 p = checked(plan);
        int[] out = new int[2 * p.length()];
        p.copyAxis(first, out, 0);
        p.copyAxis(first + 1, out, p.length());
        return out;
    }

    /** Writes one sequence's four axes left to right with bulk fills, one call per run, grid row or item. */
    private static final class Fill {
        private final PositionBuffer out;
        private int at;      // next buffer index
        private int next;    // next tx (= ty outside tables)
        private int counter; // next px (= py outside tables)
        private final long[] last = {-1, -1, -1, -1};   // per axis, the last non-padding token's value
        private final long[] tail = {-1, -1, -1, -1};   // per axis, the last value written, padding included
        private long max = -1;

        Fill(int length) {
            out = PositionBuffer.allocate(DType.INT32, AXES.size(), length);
        }

        void text(int n) {
            if (n == 0) {
                return;
            }
            out.ramp(TX, at, n, next, 1);
            out.ramp(TY, at, n, next, 1);
            out.ramp(PX, at, n, counter, 1);
            out.ramp(PY, at, n, counter, 1);
            next += n;
            counter += n;
            at += n;
            ended(next - 1, next - 1, counter - 1, counter - 1);
        }

        /** Takes no position: continues every axis from the value before it, padding included. */
        void padding(int n) {
            for (int a = 0; a < AXES.size(); a++) {
                out.ramp(a, at, n, tail[a] + 1, 1);
                tail[a] += n;
                max = Math.max(max, tail[a]);
            }
            at += n;
        }

        void table(TableGrid grid) {
            int rows = grid.gridRows();
            int cols = grid.gridColumns();
            int t = grid.tokens();
            long base = counter - 1L;   // the reference's l_part1 - 1: the counter of the token before the table
            out.ramp(TX, at, t, next, 1);
            int[] columnNext = new int[cols];   // next column-major rank in each grid column
            int rank = next;
            for (int j = 0; j < cols; j++) {
                columnNext[j] = rank;
                for (int i = 0; i < rows; i++) {
                    rank += grid.itemTokens(i, j);
                }
            }
            for (int i = 0; i < rows; i++) {
                int rowFrom = grid.itemOffset(i, 0);
                int rowTo = i + 1 < rows ? grid.itemOffset(i + 1, 0) : t;
                out.fill(PX, at + rowFrom, rowTo - rowFrom, base + (long) (cols + 1) * (i + 1));
                for (int j = 0; j < cols; j++) {
                    int from = at + grid.itemOffset(i, j);
                    int n = grid.itemTokens(i, j);
                    out.ramp(TY, from, n, columnNext[j], 1);
                    out.fill(PY, from, n, base + (long) (rows + 1) * (j + 1));
                    columnNext[j] += n;
                }
            }
            next += t;
            at += t;
            counter = Math.toIntExact(base + (long) (cols + 1) * (rows + 1));
            // the last grid item (<SEP> of the last row) is last in both traversals
            ended(next - 1, next - 1, base + (long) (cols + 1) * rows, base + (long) (rows + 1) * cols);
        }

        private void ended(long tx, long ty, long px, long py) {
            last[TX] = tx;
            last[TY] = ty;
            last[PX] = px;
            last[PY] = py;
            System.arraycopy(last, 0, tail, 0, last.length);
            max = Math.max(max, Math.max(Math.max(tx, ty), Math.max(px, py)));
        }

        PositionPlan plan(int unpaddedLength) {
            double[] decode = new double[AXES.size()];
            for (int a = 0; a < decode.length; a++) {
                decode[a] = last[a] + 1;
            }
            return PositionPlan.of(AXES, out, unpaddedLength, max, decode, 1);
        }
    }

    /** Defaults: MiniCPM-2B, the reference's base model (hidden 2304 / 36 heads = head_dim 64, theta 10000). */
    private static final Rotary.Declared ROTARY = Rotary.parameters(64, 10_000);

    /** Registry entry {@code tpe2d}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("tpe2d")
            .summary("2D-TPE: table grid with row-wise (tx) and column-wise (ty) 1D RoPE passes mixed by a router "
                    + "(zyx-hfut/2D-TPE)")
            .paper("2D-TPE: Two-Dimensional Positional Encoding Enhances Table Understanding for LLMs "
                    + "(arXiv 2409.19700)")
            .reference("zyx-hfut/2D-TPE", "src/sft_minicpm.py", "b1eeb904")
            .axes(AXES).dtype(DType.INT32).formats("bare").parts("text", "table")
            .parameters(ROTARY.list())
            .build(p -> new Tpe2d(ROTARY.read(p), p.effective()));
}
