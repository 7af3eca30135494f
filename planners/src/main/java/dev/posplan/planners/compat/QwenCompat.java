package dev.posplan.planners.compat;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.BlockDetection;
import dev.posplan.multimodal.ModelPreset;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.planners.design.AbsoluteTime;
import dev.posplan.planners.design.MropePlacement;

/**
 * One name for every choice on which the Qwen-VL implementations disagree (qwen-mrope.md §9). A scheme's
 * {@code compat} parameter sets the defaults of its individual options ({@code resume}, {@code pad_value},
 * {@code rope_deltas}, {@code decode}, {@code time_arithmetic}); each stays overridable. Input-side choices
 * (block detection, Qwen3-VL outer wrapper) are exposed for the caller that builds the token streams.
 *
 * <table>
 *   <caption>Values per preset (§9 row numbers)</caption>
 *   <tr><th>compat</th><th>#1 resume</th><th>#2 time</th><th>#3 pad</th><th>#4 rope_deltas</th><th>#5 decode</th>
 *       <th>#6/#8 detection</th><th>#7 outer wrap</th></tr>
 *   <tr><td>hf-4.51</td><td>max-plus-one</td><td>hf-4.51</td><td>1</td><td>padded</td><td>delta</td>
 *       <td>token-scan</td><td>no</td></tr>
 *   <tr><td>hf-4.57</td><td>max-plus-one</td><td>hf-4.57</td><td>1</td><td>padded</td><td>delta</td>
 *       <td>token-scan</td><td>no</td></tr>
 *   <tr><td>hf-main</td><td>spatial-extent</td><td>hf-main</td><td>0</td><td>unpadded</td><td>last-plus-one</td>
 *       <td>token-type-runs</td><td>yes</td></tr>
 *   <tr><td>vllm</td><td>max-plus-one</td><td>vllm</td><td>0 (vLLM never pads)</td><td>unpadded</td><td>delta</td>
 *       <td>placeholder-offsets</td><td>no</td></tr>
 * </table>
 */
public enum QwenCompat implements ApiNamed {

    /** transformers @ dd2649fa (2025-04): the Qwen team's Qwen2/2.5-VL code. */
    HF_4_51("hf-4.51", MropePlacement.Resume.MAX_PLUS_ONE, AbsoluteTime.Arithmetic.HF_4_51, 1, DeltaBase.PADDED,
            DecodeRule.DELTA, BlockDetection.TOKEN_SCAN, false),
    /** transformers @ a59124e2 (2025-10): every 4.x release up to 4.57; the Qwen team's Qwen3-VL code. */
    HF_4_57("hf-4.57", MropePlacement.Resume.MAX_PLUS_ONE, AbsoluteTime.Arithmetic.HF_4_57, 1, DeltaBase.PADDED,
            DecodeRule.DELTA, BlockDetection.TOKEN_SCAN, false),
    /** transformers main @ decba1d2 (2026-08, 5.16.0.dev0), {@code generate()} decode. */
    HF_MAIN("hf-main", MropePlacement.Resume.SPATIAL_EXTENT, AbsoluteTime.Arithmetic.HF_MAIN, 0, DeltaBase.UNPADDED,
            DecodeRule.LAST_PLUS_ONE, BlockDetection.TOKEN_TYPE_RUNS, true),
    /** vLLM @ 4ff865c3 (2026-05). */
    VLLM("vllm", MropePlacement.Resume.MAX_PLUS_ONE, AbsoluteTime.Arithmetic.VLLM, 0, DeltaBase.UNPADDED,
            DecodeRule.DELTA, BlockDetection.PLACEHOLDER_OFFSETS, false);

    private final String apiName;
    private final MropePlacement.Resume resume;
    private final AbsoluteTime.Arithmetic arithmetic;
    private final double padValue;
    private final DeltaBase deltaBase;
    private final DecodeRule decode;
    private final BlockDetection detection;
    private final boolean qwen3OuterWrap;

    QwenCompat(String apiName, MropePlacement.Resume resume, AbsoluteTime.Arithmetic arithmetic, double padValue,
            DeltaBase deltaBase, DecodeRule decode, BlockDetection detection, boolean qwen3OuterWrap) {
        this.apiName = apiName;
        this.resume = resume;
        this.arithmetic = arithmetic;
        this.padValue = padValue;
        this.deltaBase = deltaBase;
        this.decode = decode;
        this.detection = detection;
        this.qwen3OuterWrap = qwen3OuterWrap;
    }

    @Override

    public String apiName() {
        return apiName;
    }

    public static QwenCompat byName(String name) {
        return ApiNamed.parse(QwenCompat.class, name, "compat");
    }

    public MropePlacement.Resume resume() {
        return resume;
    }

    public AbsoluteTime.Arithmetic arithmetic() {
        return arithmetic;
    }

    /** Value on padded slots: HF 4.x {@code torch.ones}, HF main {@code torch.zeros}. */
    public double padValue() {
        return padValue;
    }

    public DeltaBase deltaBase() {
        return deltaBase;
    }

    public DecodeRule decode() {
        return decode;
    }

    /**
     * Whether a batch without any vision grid counts its pad slots in M (§9 #3 and #4 in the text-only
     * branch): HF 4.x fills masked slots with 1 before taking the row max; HF main never calls
     * {@code get_rope_index} for text and vLLM never pads. See
     * {@link dev.posplan.planners.design.QwenWalker#withTextOnlyMaxCountingPads}.
     */
    public boolean textOnlyMaxCountsPads() {
        return this == HF_4_51 || this == HF_4_57;
    }

    /**
     * Whether an image grid with t &gt; 1 is planned (HF: its slices like a video's, §3.4 for Qwen2.5) or
     * refused: vLLM asserts {@code t == 1} for images in {@code iter_mm_grid_thw}.
     */
    public boolean plansMultiSliceImages() {
        return this != VLLM;
    }

    /** How this implementation finds vision blocks in {@code input_ids}. */
    public BlockDetection detection() {
        return detection;
    }

    /** Whether a Qwen3-VL video keeps the chat template's outer vision_start/end pair (§2.3). */
    public boolean qwen3OuterWrap() {
        return qwen3OuterWrap;
    }

    /** The host format that writes prompt parts for {@code preset} as this implementation's processor does. */
    public QwenFormats hostFormat(ModelPreset preset) {
        return qwen3OuterWrap && preset.videoFramesAsBlocks() ? QwenFormats.QWEN3_VL_OUTER_WRAP : preset.hostFormat();
    }
}
