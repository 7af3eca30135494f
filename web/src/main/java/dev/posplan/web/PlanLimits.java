package dev.posplan.web;

import dev.posplan.planners.Limits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Upper bounds on a planning request, set with {@code posplan.limits.*} and checked before anything whose size
 * comes from the request is built. Every bound left unset takes the default named below.
 *
 * @param maxBodySize   request body size ({@code max-body-size}). Default 1 MB: a prompt of thousands of parts
 *                      with per-patch timestamp counts fits many times over.
 * @param maxParts      parts per prompt ({@code max-parts}). Default 4096.
 * @param maxTokens     tokens per request: left padding, text, timestamp tokens and grid products, summed in
 *                      {@code long} before anything is built ({@code max-tokens}). Default and upper bound: the
 *                      planners' own {@link Limits#DEFAULT} {@code maxTokens} (2^22).
 * @param maxBlocks     images plus video temporal patches, an upper bound on the visual blocks any host format
 *                      writes ({@code max-blocks}). Default 65,536: 9 hours of 2 fps video as Qwen3-VL frames.
 * @param maxDecodeSteps {@code decodeSteps} ({@code max-decode-steps}). Default 4096.
 * @param maxJsonTokens tokens of a plan answered as JSON ({@code max-json-tokens}). Default 32,768 (at 4 axes
 *                      about 1 MB of JSON); larger plans need the binary output, a later feature.
 */
@ConfigurationProperties("posplan.limits")
public record PlanLimits(DataSize maxBodySize, Integer maxParts, Integer maxTokens, Integer maxBlocks,
        Integer maxDecodeSteps, Integer maxJsonTokens) {

    static final DataSize DEFAULT_MAX_BODY_SIZE = DataSize.ofMegabytes(1);
    static final int DEFAULT_MAX_PARTS = 4096;
    static final int DEFAULT_MAX_BLOCKS = 1 << 16;
    static final int DEFAULT_MAX_DECODE_STEPS = 4096;
    static final int DEFAULT_MAX_JSON_TOKENS = 1 << 15;

    public PlanLimits {
        maxBodySize = maxBodySize != null ? maxBodySize : DEFAULT_MAX_BODY_SIZE;
        maxParts = maxParts != null ? maxParts : DEFAULT_MAX_PARTS;
        maxTokens = maxTokens != null ? maxTokens : Limits.DEFAULT.maxTokens();
        maxBlocks = maxBlocks != null ? maxBlocks : DEFAULT_MAX_BLOCKS;
        maxDecodeSteps = maxDecodeSteps != null ? maxDecodeSteps : DEFAULT_MAX_DECODE_STEPS;
        maxJsonTokens = maxJsonTokens != null ? maxJsonTokens : DEFAULT_MAX_JSON_TOKENS;
        // A body must hold at least "{}"; a bound above Integer.MAX_VALUE could not be buffered.
        if (maxBodySize.toBytes() < 2 || maxBodySize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("posplan.limits.max-body-size must be between 2B and 2GB, got "
                    + maxBodySize);
        }
        requireAtLeast("max-parts", maxParts, 1);
        requireAtLeast("max-tokens", maxTokens, 1);
        if (maxTokens > Limits.DEFAULT.maxTokens()) {
            // The planners refuse longer sequences anyway; a larger setting would only turn 413s into 422s.
            throw new IllegalArgumentException("posplan.limits.max-tokens must be at most the planners' limit "
                    + Limits.DEFAULT.maxTokens() + ", got " + maxTokens);
        }
        requireAtLeast("max-blocks", maxBlocks, 1);
        requireAtLeast("max-decode-steps", maxDecodeSteps, 0);
        requireAtLeast("max-json-tokens", maxJsonTokens, 1);
    }

    /** All defaults. */
    public static PlanLimits defaults() {
        return new PlanLimits(null, null, null, null, null, null);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("posplan.limits." + name + " must be >= " + min + ", got " + value);
        }
    }
}
