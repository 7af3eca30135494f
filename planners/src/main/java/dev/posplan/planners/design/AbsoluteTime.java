package dev.posplan.planners.design;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.VisualBlock;

/**
 * Qwen2.5-VL's absolute-time temporal axis (qwen-mrope.md §3.4, §9 #2): slice {@code k} of a video with
 * {@code second_per_grid_t = s} sits at {@code k · s · tokens_per_second}, truncated, where the order and
 * precision of that product is what the implementations disagree on. A missing {@code s} counts as 1.0 s.
 * Images are never scaled: HF 4.x sets their {@code second_per_grid_t} to 0, so every slice of an image
 * with t &gt; 1 sits at offset 0; HF main uses {@code time_interval = 1} (offset = slice index); vLLM
 * refuses such images (see {@link dev.posplan.planners.compat.QwenCompat#plansMultiSliceImages}).
 *
 * @param arithmetic      which implementation's product to reproduce
 * @param tokensPerSecond the checkpoint's {@code tokens_per_second} (2 for released Qwen2.5-VL)
 */
public record AbsoluteTime(Arithmetic arithmetic, int tokensPerSecond) implements TemporalRule {

    /** How the temporal product is computed; {@code s} is always the float32 the model sees. */
    public enum Arithmetic implements ApiNamed {
        /**
         * The Qwen team's original (transformers 4.49-4.51): {@code int64 k · float32 s} is a float32 tensor,
         * times the int tps stays float32, then {@code .long()}: {@code trunc(f32(f32(k·s)·tps))}.
         */
        HF_4_51("hf-4.51") {
            @Override
            long offset(int k, float s, int tps) {
                float ks = (float) k * s;
                return (long) (ks * (float) tps);
            }

            @Override
            long imageOffset(int k) {
                return 0;
            }
        },
        /** vLLM: {@code t_factor = s.item() · tps} in double, {@code k · t_factor} in float64, then truncated. */
        VLLM("vllm") {
            @Override
            long offset(int k, float s, int tps) {
                double factor = (double) s * tps;
                return (long) (k * factor);
            }
        },
        /** transformers 4.52-4.57 (PR #37597): {@code s} cast to int64 first: {@code k · trunc(s) · tps}. */
        HF_4_57("hf-4.57") {
            @Override
            long offset(int k, float s, int tps) {
                return k * (long) s * tps;
            }

            @Override
            long imageOffset(int k) {
                return 0;
            }
        },
        /**
         * transformers main (08-2026): {@code time_interval = tps · int(s)}, then {@code k · time_interval}.
         * Integer arithmetic, so it equals {@link #HF_4_57}; kept as its own name because the code differs.
         */
        HF_MAIN("hf-main") {
            @Override
            long offset(int k, float s, int tps) {
                return k * (tps * (long) s);
            }
        };

        private final String apiName;

        Arithmetic(String apiName) {
            this.apiName = apiName;
        }

        /** Truncated temporal offset of slice {@code k}. */
        abstract long offset(int k, float s, int tps);

        /** Offset of slice {@code k} of an image: the slice index unless the code zeroes image time. */
        long imageOffset(int k) {
            return k;
        }

        @Override
        public String apiName() {
            return apiName;
        }

        public static Arithmetic byName(String name) {
            return ApiNamed.parse(Arithmetic.class, name, "time arithmetic");
        }
    }

    public AbsoluteTime {
        java.util.Objects.requireNonNull(arithmetic, "arithmetic");
        if (tokensPerSecond < 1) {
            throw InvalidInputException.of("tokens_per_second must be >= 1, got " + tokensPerSecond);
        }
    }

    @Override
    public double offset(int ti, VisualBlock block) {
        if (block.modality() == Modality.IMAGE) {
            return arithmetic.imageOffset(ti);
        }
        float s = block.hasSecondsPerGrid() ? block.secondsPerGrid() : 1.0f;
        return arithmetic.offset(ti, s, tokensPerSecond);
    }
}
