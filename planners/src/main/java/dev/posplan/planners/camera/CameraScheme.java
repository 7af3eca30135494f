package dev.posplan.planners.camera;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.OnDemand;
import dev.posplan.planners.OutputTensor;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.allocation.BlockAllocation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A camera encoding as a {@link Scheme}: it plans no position ids of its own (the host model's RoPE positions
 * the text), only named output tensors computed from the posed visual blocks of the stream
 * ({@link CameraTokens}), and its head-dim {@link BlockAllocation}. Applying it to q/k/v stays a library call
 * on top of the plan (e.g. {@link Prope#applyToQ}, {@link Gta#applyToQ}).
 */
record CameraScheme(String name, BlockAllocation frequencies, Map<String, Object> parameters,
        Function<TokenStream, List<OutputTensor>> outputs) implements Scheme {

    CameraScheme {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(frequencies, "frequencies");
        parameters = Map.copyOf(parameters);
    }

    /**
     * The outputs of the stream's camera blocks.
     *
     * @throws IllegalArgumentException for a stream without a posed visual block or with a table
     */
    @Override
    public PositionPlan plan(TokenStream stream) {
        if (stream.hasTable()) {
            throw InvalidInputException.of("scheme '" + name + "' cannot plan a table block; use scheme 'tpe2d' "
                    + "for tables");
        }
        if (CameraTokens.of(stream).isEmpty()) {
            throw InvalidInputException.of("scheme '" + name + "' needs at least one image with a camera");
        }
        return PositionPlan.tensorsOnly(stream.length(), outputs.apply(stream));
    }

    @Override
    public OnDemand onDemand() {
        return OnDemand.none("a camera encoding plans no position ids, only its output tensors");
    }

    /** {@code float32[rows, …]} from doubles, rounded once as the reference's float32 tensors hold them. */
    static OutputTensor.F32 float32(String name, double[] values, List<Integer> shape) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return new OutputTensor.F32(name, shape, out);
    }

    /** {@code int32[N]}: the stream index of each camera token, camera blocks in order, row-major inside. */
    static OutputTensor.I32 tokenIndex(CameraTokens cams) {
        return new OutputTensor.I32("token_index", List.of(cams.cameraTokens()), cams.streamIndices());
    }
}
