package dev.posplan.planners.design;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.PositionBuffer;

/**
 * The M-RoPE block layout shared by Qwen2-VL, Qwen2.5-VL, Qwen3-VL, MRoPE-I and MHRoPE
 * (qwen-mrope.md §3, vlm-ropes.md §3.1): token (ti, hi, wi) of a block with base b gets
 * {@code (b + time(ti), b + hi, b + wi)}, or {@code (b + time(ti), hi, wi)} with spatial reset.
 * Text resumes after the block's largest extent (or, in HF main's rule, after its spatial extent only).
 */
public final class MropePlacement implements BlockPlacement {

    /** Where text resumes after a block (qwen-mrope.md §3.2). */
    public enum Resume implements ApiNamed {
        /** {@code max(block positions) + 1}: HF 4.x, vLLM and every paper's code. */
        MAX_PLUS_ONE("max-plus-one"),
        /** {@code base + max(h, w)}: HF main since PR #43972, ignoring the temporal extent. */
        SPATIAL_EXTENT("spatial-extent");

        private final String apiName;

        Resume(String apiName) {
            this.apiName = apiName;
        }

        /** The value of the {@code resume} parameter. */
        @Override
        public String apiName() {
            return apiName;
        }

        public static Resume byName(String name) {
            return ApiNamed.parse(Resume.class, name, "resume rule");
        }
    }

    private final TemporalRule time;
    private final boolean spatialReset;
    private final Resume resume;
    private final boolean integral;

    /**
     * @param time         temporal offset of each slice
     * @param spatialReset h and w restart at 0 inside every block (MRoPE-I paper form)
     * @param resume       where text resumes
     * @param integral     truncate temporal offsets toward zero, as int64 references do
     */
    public MropePlacement(TemporalRule time, boolean spatialReset, Resume resume, boolean integral) {
        this.time = time;
        this.spatialReset = spatialReset;
        this.resume = resume;
        this.integral = integral;
    }

    /** With integral temporal offsets every axis is a per-slice table plus row and column steps. */
    @Override
    public boolean sumsOfTables() {
        return integral;
    }

    @Override
    public void place(VisualBlock block, Walk walk) {
        Grid g = block.grid();
        double base = walk.next();
        double[] slice = new double[g.t()];
        double maxTime = Double.NEGATIVE_INFINITY;
        for (int ti = 0; ti < slice.length; ti++) {
            double offset = time.offset(ti, block);
            if (integral) {
                offset = (long) offset;
            }
            slice[ti] = base + offset;
            maxTime = Math.max(maxTime, offset);
        }
        PositionBuffer out = walk.out();
        int at = walk.cursor();
        double spatialBase = spatialReset ? 0 : base;
        GridFill.axis(out, 0, at, g, slice, 0, 0);
        GridFill.axis(out, 1, at, g, spatialBase, 0, 1, 0);
        GridFill.axis(out, 2, at, g, spatialBase, 0, 0, 1);
        double span = Math.max(maxTime, Math.max(g.h() - 1, g.w() - 1));
        double resumeAt = resume == Resume.MAX_PLUS_ONE ? base + span + 1 : base + Math.max(g.h(), g.w());
        walk.endBlock(block, resumeAt, base + span);
    }
}
