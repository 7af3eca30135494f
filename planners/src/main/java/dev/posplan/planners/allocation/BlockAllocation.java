package dev.posplan.planners.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Head-dim blocks → transforms: which dimensions of an attention head carry which component of a camera
 * encoding (PRoPE, GTA, UCPE), the camera member of the {@link FrequencyAllocation} family. Blocks are
 * contiguous, in order, and cover {@code [0, headDim)}; rotation blocks read the {@link #AXES} coordinates.
 * An encoding that feeds its outputs as input features (Plücker rays) has an empty allocation.
 *
 * @param rule    short name of the allocation (prope, gta, …)
 * @param headDim dimensions of one attention head
 * @param blocks  the blocks, ascending and contiguous
 */
public record BlockAllocation(String rule, int headDim, List<Block> blocks) implements FrequencyAllocation {

    /** The coordinates rotation blocks read: a token's patch row and column. */
    public static final List<String> AXES = List.of("row", "column");

    /** What a block of head dimensions carries. */
    public enum Component {
        /** Left untouched (GTA {@code triv}). */
        TRIVIAL,
        /**
         * Consecutive 4-vectors multiplied by a per-camera (or per-token) 4x4 matrix: PRoPE's {@code P},
         * GTA's SE(3) representation ({@code se3}).
         */
        MATRIX_4,
        /**
         * Consecutive 3-vectors taken as points: {@code x' = (M [x; 1])[0..2]} with a 4x4 rigid {@code M}
         * (GTA {@code se3} with {@code euclid_sim}).
         */
        POINT_3,
        /**
         * Consecutive 3-vectors multiplied by a per-token 3x3 homogeneous 2D translation (GTA {@code t2}).
         */
        MATRIX_3,
        /** Wigner-D blocks of the view rotation (GTA {@code so3}); not computed by posplan. */
        WIGNER_D,
        /**
         * Interleaved 2D rotations: pair {@code p} is {@code (x[2p], x[2p+1])} rotated by
         * {@code frequency[p] · coordinate[axis[p]]} (GTA {@code so2}; with q, k only it is RoPE).
         */
        ROTATION_INTERLEAVED,
        /**
         * Split-half 2D rotations: with {@code F} pairs, pair {@code j} is {@code (x[j], x[j+F])}, rotated
         * {@code a' = cos·a + sin·b, b' = −sin·a + cos·b} (PRoPE's RoPE, angle {@code frequency[j] ·
         * coordinate[axis[j]]}).
         */
        ROTATION_SPLIT
    }

    /** Coordinate an angle is proportional to. */
    public static final int ROW = 0;
    public static final int COLUMN = 1;

    /**
     * One block of head dimensions.
     *
     * @param component what it carries
     * @param start     first dimension
     * @param end       one past the last dimension
     * @param group     dimensions transformed together (4 for 4x4 matrices, 2 for rotations, 1 trivial)
     * @param frequency for rotations: angle per unit coordinate of each pair (radians), else empty
     * @param axis      for rotations: {@link #ROW} or {@link #COLUMN} per pair, else empty
     * @param rule      one-line statement of the transform of q, k, v and the output
     */
    public record Block(Component component, int start, int end, int group, double[] frequency, int[] axis,
            String rule) {

        public Block {
            Objects.requireNonNull(component, "component");
            if (start < 0 || end <= start || (end - start) % group != 0) {
                throw new IllegalArgumentException("block [" + start + ", " + end + ") does not hold groups of "
                        + group);
            }
            frequency = frequency.clone();
            axis = axis.clone();
            if (frequency.length != axis.length) {
                throw new IllegalArgumentException("one axis per frequency");
            }
        }

        public int size() {
            return end - start;
        }

        @Override
        public double[] frequency() {
            return frequency.clone();
        }

        @Override
        public int[] axis() {
            return axis.clone();
        }
    }

    public BlockAllocation {
        Objects.requireNonNull(rule, "rule");
        blocks = List.copyOf(blocks);
        int at = 0;
        for (Block b : blocks) {
            if (b.start() != at) {
                throw new IllegalArgumentException("head-dim blocks must be contiguous: block at " + b.start()
                        + " after " + at);
            }
            at = b.end();
        }
        if (at != headDim) {
            throw new IllegalArgumentException("head-dim blocks cover " + at + " of " + headDim + " dimensions");
        }
    }

    /** The block holding dimension {@code dim}. */
    public Block blockAt(int dim) {
        for (Block b : blocks) {
            if (dim >= b.start() && dim < b.end()) {
                return b;
            }
        }
        throw new IllegalArgumentException("dimension " + dim + " outside [0, " + headDim + ")");
    }

    /** One line per block: {@code [start, end) COMPONENT: rule}. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        for (Block b : blocks) {
            lines.add("[" + b.start() + ", " + b.end() + ") " + b.component() + ": " + b.rule());
        }
        return String.join("\n", lines);
    }

    /** No head-dim transform: the encoding's outputs are input features. */
    public static BlockAllocation none(String rule) {
        return new BlockAllocation(rule, 0, List.of());
    }

    @Override
    public List<String> axisNames() {
        return AXES;
    }

    /** Builds an allocation block by block. */
    public static final class Builder {
        private final int headDim;
        private final List<Block> blocks = new ArrayList<>();
        private int at;

        private final String rule;

        public Builder(String rule, int headDim) {
            this.rule = rule;
            this.headDim = headDim;
        }

        public Builder add(Component c, int size, int group, String rule) {
            return add(c, size, group, new double[0], new int[0], rule);
        }

        public Builder add(Component c, int size, int group, double[] frequency, int[] axis, String rule) {
            if (size > 0) {
                blocks.add(new Block(c, at, at + size, group, frequency, axis, rule));
                at += size;
            }
            return this;
        }

        public BlockAllocation build() {
            return new BlockAllocation(rule, headDim, blocks);
        }
    }
}
