package dev.posplan.planners.scheme;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.ChannelPairing;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.compat.DeltaBase;
import dev.posplan.planners.design.BlockPlacement;
import dev.posplan.planners.design.GridFill;
import dev.posplan.planners.design.PlanRewrite;
import dev.posplan.planners.design.PositionDesign;
import dev.posplan.planners.design.Walk;
import java.util.Arrays;

/**
 * Bailing 3D-RoPE (Ling-VL, Ming; SGLang {@code BailingMRotaryEmbedding}): token (k, i, j) of a block with base
 * b gets {@code T = b + 2k}, {@code H = T + i - (h-1)/2}, {@code W = T + j - (w-1)/2}: h and w are centred on the
 * frame's time, so they go <b>negative</b> for a large grid near the start. Text resumes after the largest T
 * only, and rope_deltas count the T axis only: {@code max(T) + 1 - n}. With Ming's interleaved frame
 * timestamps the host format makes every frame its own block ({@code use_interleaved_frame_timestamp}, a host
 * choice), so the 2-per-slice step shows only inside a plain video.
 *
 * <p>Negative positions are where the references part: SGLang shifts them into a cos/sin cache that covers
 * negative angles (the signed position, {@code negative_positions=signed}, the default), while vLLM indexes
 * its cache with the raw position, so a negative p reads row {@code max_position_embeddings + p}
 * ({@code negative_positions=vllm-cache-row}: the plan holds the rows vLLM rotates by).
 *
 * <p>The reference takes one request at a time: a batch is its rows planned alone (rope_deltas count each
 * row's own tokens, so padding changes nothing on the real tokens). Allocation (vLLM's Bailing tests): head
 * 64, theta 6e6, {@code mrope_section [t, h, w] = [8, 12, 12]}; the first {@code h + w} pairs alternate h and
 * w, the last {@code t} read t; channels are paired (2j, 2j + 1) ({@link ChannelPairing#GPTJ}).
 */
public final class Bailing {

    /** The temporal step per slice: the reference's {@code time_index * 2.0}. */
    static final double SLICE_STEP = 2;

    /** How a host turns a negative position into a cos/sin row ({@code negative_positions}). */
    public enum NegativePositions implements ApiNamed {
        /** The position itself (SGLang; the mathematical angle). */
        SIGNED("signed"),
        /** vLLM: the cache row {@code max_position_embeddings + p} for {@code p < 0}. */
        VLLM_CACHE_ROW("vllm-cache-row");

        private final String apiName;

        NegativePositions(String apiName) {
            this.apiName = apiName;
        }

        @Override
        public String apiName() {
            return apiName;
        }

        /** The position whose angle the host applies for {@code position}. */
        public double row(double position, int maxPositionEmbeddings) {
            return this == VLLM_CACHE_ROW && position < 0 ? maxPositionEmbeddings + position : position;
        }
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(64, 6_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(8, 12, 12);
    private static final Parameter<NegativePositions> NEGATIVE_POSITIONS = Parameter.choice("negative_positions",
            NegativePositions.class, NegativePositions.SIGNED,
            "How a negative position becomes a cos/sin row: signed (SGLang, the true angle) or vllm-cache-row "
                    + "(vLLM reads row max_position_embeddings + p).");
    private static final Parameter<Integer> MAX_POSITION_EMBEDDINGS = Parameter.integer("max_position_embeddings",
            32768, Parameter.Allowed.between(1, Integer.MAX_VALUE),
            "Rows of the host's cos/sin cache (used by negative_positions=vllm-cache-row).");
    private static final Parameter<Double> PAD_VALUE = Options.PAD_VALUE.withDefault(0.0);

    /** Registry entry {@code bailing}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("bailing")
            .summary("Bailing (Ling-VL / Ming) 3D-RoPE: h and w centred on the frame time (negative positions), "
                    + "text resumes after the t axis")
            .paper("Ling-VL / Ming-Omni (inclusionAI)")
            .reference("sgl-project/sglang", "python/sglang/srt/layers/rotary_embedding/bailing_mrope.py",
                    "31767460")
            .axes(QwenAxes.THW).dtype(DType.INT32).formats("bailing", "bailing-interleaved")
            .parts("text", "image", "video")
            .parameters(ROTARY.list())
            .parameters(MROPE_SECTION, NEGATIVE_POSITIONS, MAX_POSITION_EMBEDDINGS, PAD_VALUE)
            .build(Bailing::create);

    private Bailing() {
    }

    /** The centred block placement. */
    static final class CentredPlacement implements BlockPlacement {
        /** Three integral per-axis fills: blocks hold them exactly. */
        @Override
        public boolean sumsOfTables() {
            return true;
        }

        @Override
        public void place(VisualBlock block, Walk walk) {
            Grid g = block.grid();
            double base = walk.next();
            int at = walk.cursor();
            GridFill.axis(walk.out(), 0, at, g, base, SLICE_STEP, 0, 0);
            GridFill.axis(walk.out(), 1, at, g, base - (g.h() - 1) / 2, SLICE_STEP, 1, 0);
            GridFill.axis(walk.out(), 2, at, g, base - (g.w() - 1) / 2, SLICE_STEP, 0, 1);
            double lastTime = base + SLICE_STEP * (g.t() - 1);
            walk.endBlock(block, lastTime + 1, lastTime);
        }
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> {
            if (section.length != 3 || section[1] != section[2]
                    || section[0] + section[1] + section[2] != rotary.pairs()) {
                throw new IllegalArgumentException("mrope_section must be [t, h, w] with h == w and t + h + w = "
                        + rotary.pairs() + " rotary pairs, got " + Arrays.toString(section));
            }
            return PairAxes.spatialAlternatingThenTime(section[1] + section[2], rotary.pairs());
        });
        NegativePositions negative = p.get(NEGATIVE_POSITIONS);
        int maxPositions = p.get(MAX_POSITION_EMBEDDINGS);
        // one request at a time: the reference never sees a pad slot, so M counts real tokens only
        PositionDesign design = Options.walker(p, QwenAxes.THW, DType.INT32, new CentredPlacement(), PAD_VALUE)
                .withTextOnlyMaxCountingPads(false)
                .andThen(facts -> facts.withDeltaBase(DeltaBase.UNPADDED));
        if (negative == NegativePositions.VLLM_CACHE_ROW) {
            // decode and rope_deltas are never negative: only the positions change
            design = PlanRewrite.mapping(design, v -> negative.row(v, maxPositions));
        }
        return new ComposedScheme(DECLARATION.name(), design,
                rotary.pairwise("hw-alternating", QwenAxes.THW, pairAxis).withPairing(ChannelPairing.GPTJ),
                p.effective());
    }
}
