package dev.posplan.planners.scheme;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.ChannelAllocation;
import dev.posplan.planners.allocation.ChannelPairing;
import dev.posplan.planners.allocation.InvFreq;
import dev.posplan.planners.allocation.RotaryAllocation;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.allocation.SectionDoubling;
import dev.posplan.planners.compat.DeltaBase;
import dev.posplan.planners.design.BlockPlacement;
import dev.posplan.planners.design.GridFill;
import dev.posplan.planners.design.PositionDesign;
import dev.posplan.planners.design.QwenWalker;
import dev.posplan.planners.design.Walk;
import java.util.Arrays;
import java.util.List;

/**
 * HunyuanVL XD-RoPE: four position channels {@code (text, w, h, t)}, each token's sequence index on all four,
 * except the {@code h · (w + 1)} grid tokens of an image, which get their column ({@code 0 … w}, the row's
 * newline embedding being column w) on w and their row on h. No offset after an image: text simply continues
 * with its sequence index, and decoding continues at M + 1 = the row length on every channel (plain 1-D RoPE).
 * The host format ({@code hunyuan-vl}) writes an image's grid tokens as one block of {@code 1 × h × (w + 1)}.
 *
 * <p>Two references, the {@code compat} parameter:
 * <ul>
 *   <li>{@code transformers} (default; HF {@code HunYuanVLProcessor._build_position_ids} @ 94f8026): positions
 *       are {@code arange(L)} over the <b>padded</b> row, so padding slots are numbered like tokens and left
 *       padding shifts the real ones; t keeps the sequence index on grid tokens too.</li>
 *   <li>{@code vllm} ({@code get_xdrope_input_positions} @ 1c1b86e): one request at a time, unpadded, so
 *       positions start at 0 on the first real token (pads get {@code pad_value}); t is the image's index in
 *       the request on its grid tokens.</li>
 * </ul>
 * The two frequency conventions are {@code section_doubling} ({@link SectionDoubling}), defaulting to the
 * compat's: transformers @ 1796321 doubles {@code xdrope_section} element-wise, so the two channels of a neox
 * pair read different axes ({@link ChannelAllocation}); vLLM (and a transformers fork) repeat the list, an
 * ordinary pair allocation. Inverse frequencies: NTK-alpha {@code base = rope_theta · alpha^(d / (d - 2))},
 * {@code inv_freq[k] = 1 / base^(2k / d)} in float32; the allocation's theta is that base.
 */
public final class HunyuanVl {

    /** Axis names in the processor's channel order. */
    static final List<String> AXES = List.of("text", "w", "h", "t");

    /** The reference implementations, by the {@code compat} parameter. */
    enum Compat implements ApiNamed {
        TRANSFORMERS("transformers", true, false, SectionDoubling.ELEMENT_WISE, DeltaBase.PADDED),
        VLLM("vllm", false, true, SectionDoubling.LIST_REPETITION, DeltaBase.UNPADDED);

        private final String apiName;
        /** Positions run over the padded row (the processor's {@code arange(L)}). */
        final boolean numberedPadding;
        /** t of a grid token is the image's index in the request, not the sequence index. */
        final boolean timeIsImageIndex;
        final SectionDoubling doubling;
        final DeltaBase deltaBase;

        Compat(String apiName, boolean numberedPadding, boolean timeIsImageIndex, SectionDoubling doubling,
                DeltaBase deltaBase) {
            this.apiName = apiName;
            this.numberedPadding = numberedPadding;
            this.timeIsImageIndex = timeIsImageIndex;
            this.doubling = doubling;
            this.deltaBase = deltaBase;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(128, 10_000);
    private static final Parameter<Double> ALPHA = Parameter.number("alpha", 1000, Parameter.Allowed.above(0),
            "NTK alpha of rope_type dynamic: the base is rope_theta * alpha^(head_dim / (head_dim - 2)); 1 keeps "
                    + "rope_theta.");
    private static final Parameter<int[]> XDROPE_SECTION = Parameter.integers("xdrope_section",
            new int[] {16, 16, 16, 16}, Parameter.Allowed.atLeast(0),
            "Rotary pairs per channel [text, w, h, t], summing to head_dim / 2.");
    private static final Parameter<Compat> COMPAT = Parameter.choice("compat", Compat.class, Compat.TRANSFORMERS,
            "Which HunyuanVL implementation to reproduce: transformers (positions over the padded row, t = "
                    + "sequence index) or vllm (one unpadded request, t = image index).");
    private static final Parameter<SectionDoubling> SECTION_DOUBLING = Parameter.choice("section_doubling",
            SectionDoubling.class, null,
            "How xdrope_section covers the duplicated cos/sin table: element-wise (transformers; the two channels "
                    + "of a pair can read different axes) or list-repetition (vLLM, a transformers fork). Default: "
                    + "the compat mode's.");
    private static final Parameter<Double> PAD_VALUE = Options.PAD_VALUE.withDefault(null)
            .describedAs("Position written at padding tokens under compat vllm (default 0; vLLM never sees them). "
                    + "compat transformers numbers padding like tokens and takes none.");

    /** Registry entry {@code hunyuan-vl}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("hunyuan-vl")
            .summary("HunyuanVL XD-RoPE: 4 channels (text, w, h, t), image grid tokens get column and row; "
                    + "compat transformers, vllm")
            .paper("HunyuanOCR / HunyuanVL (Tencent Hunyuan, 2025)")
            .reference("huggingface/transformers", "src/transformers/models/hunyuan_vl/processing_hunyuan_vl.py",
                    "94f80267")
            .axes(AXES).dtype(DType.INT32).formats("hunyuan-vl").parts("text", "image")
            .parameters(ROTARY.list())
            .parameters(ALPHA, XDROPE_SECTION, COMPAT, SECTION_DOUBLING, PAD_VALUE)
            .build(HunyuanVl::create);

    private HunyuanVl() {
    }

    /**
     * An image's grid tokens, {@code 1 × h × (w + 1)}: text and t channels ramp with the sequence (t holds
     * the image index instead when {@code timeIsImageIndex}), w is the column and h the row.
     */
    record GridPlacement(boolean timeIsImageIndex) implements BlockPlacement {

        @Override
        public boolean sumsOfTables() {
            return true;
        }

        @Override
        public void place(VisualBlock block, Walk walk) {
            Grid g = block.grid();
            if (block.modality() != Modality.IMAGE || g.t() != 1) {
                throw InvalidInputException.of("HunyuanVL positions images only (its processor has no video path), "
                        + "got a " + block.modality().name().toLowerCase() + " block with grid " + g.t() + "x"
                        + g.h() + "x" + g.w());
            }
            double base = walk.next();
            int at = walk.cursor();
            GridFill.axis(walk.out(), 0, at, g, base, 0, g.w(), 1);
            GridFill.axis(walk.out(), 1, at, g, 0, 0, 0, 1);
            GridFill.axis(walk.out(), 2, at, g, 0, 0, 1, 0);
            if (timeIsImageIndex) {
                GridFill.axis(walk.out(), 3, at, g, walk.blockIndex(), 0, 0, 0);
            } else {
                GridFill.axis(walk.out(), 3, at, g, base, 0, g.w(), 1);
            }
            double last = base + g.tokens() - 1;
            walk.endBlock(block, last + 1, last);
        }
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        if (rotary.rotaryDim() != rotary.headDim()) {
            throw ROTARY.partialRotaryFactor().invalid("XD-RoPE rotates the whole head (partial_rotary_factor 1)");
        }
        if (rotary.headDim() <= 2) {
            throw ROTARY.headDim().invalid("the NTK-alpha base divides by head_dim - 2, so head_dim must be > 2");
        }
        Compat compat = p.get(COMPAT);
        if (compat.numberedPadding && p.has(PAD_VALUE)) {
            throw PAD_VALUE.invalid("compat transformers numbers padding slots like tokens; pad_value applies to "
                    + "compat vllm only");
        }
        int[] section = p.get(XDROPE_SECTION);
        SectionDoubling doubling = p.getOr(SECTION_DOUBLING, compat.doubling);
        int[] channelAxis = Options.sections(XDROPE_SECTION, () -> channelAxis(section, rotary.pairs(), doubling));
        // pad_value is read (and listed among the effective parameters) only where pads keep one
        double padValue = compat.numberedPadding ? 0 : p.getOr(PAD_VALUE, 0.0);
        QwenWalker walker = new QwenWalker(AXES, DType.INT32, new GridPlacement(compat.timeIsImageIndex), padValue)
                .withTextOnlyMaxCountingPads(false);
        PositionDesign design = (compat.numberedPadding ? walker.withNumberedPadding() : walker)
                .andThen(plan -> plan.withDeltaBase(compat.deltaBase));
        return new ComposedScheme(DECLARATION.name(), design,
                allocation(rotary, base(rotary, p.get(ALPHA)), channelAxis, doubling),
                p.effective());
    }

    /** The channel → axis map of {@code section} under {@code doubling}, after checking its shape. */
    static int[] channelAxis(int[] section, int pairs, SectionDoubling doubling) {
        long sum = 0;
        for (int s : section) {
            sum += s;
        }
        if (section.length != AXES.size() || sum != pairs) {
            throw new IllegalArgumentException("xdrope_section must be [text, w, h, t] summing to head_dim / 2 = "
                    + pairs + " rotary pairs, got " + Arrays.toString(section));
        }
        return doubling.channelAxis(section);
    }

    /** The NTK-alpha base, as the reference's Python floats compute it. */
    static double base(Rotary rotary, double alpha) {
        int d = rotary.headDim();
        return rotary.theta() * Math.pow(alpha, (double) d / (d - 2));
    }

    private static RotaryAllocation allocation(Rotary rotary, double base, int[] channelAxis,
            SectionDoubling doubling) {
        float[] invFreq;
        try {
            invFreq = InvFreq.of(rotary.rotaryDim(), base);
        } catch (IllegalArgumentException e) {
            throw ALPHA.invalid("rope_theta * alpha^(head_dim / (head_dim - 2)) = " + base + ": " + e.getMessage());
        }
        ChannelAllocation channels = new ChannelAllocation("xdrope-" + doubling.apiName(), AXES, rotary.headDim(),
                rotary.rotaryDim(), base, invFreq, channelAxis, ChannelPairing.NEOX);
        if (doubling == SectionDoubling.LIST_REPETITION) {
            // both channels of every pair read one axis: the ordinary pair allocation, pair_axis on the wire
            return channels.asPairs();
        }
        return channels;
    }
}
