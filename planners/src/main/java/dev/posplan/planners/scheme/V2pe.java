package dev.posplan.planners.scheme;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.multimodal.numerics.TorchArange;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.ArangeFill;
import dev.posplan.planners.design.BlockPlacement;
import dev.posplan.planners.design.PositionDesign;
import dev.posplan.planners.design.QwenWalker;
import dev.posplan.planners.design.Walk;
import dev.posplan.planners.numerics.PythonRandom;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * V2PE as released (OpenGVLab/V2PE {@code get_rope_pos_id}, vlm-ropes.md §9) on InternVL2 token streams:
 * one float32 position per token. Text (including {@code <img>}/{@code </img>}) advances by 1; the
 * {@code num_image_token * tiles} context tokens of an image advance by {@code δ = stride / num_image_token}
 * from the {@code <img>} position, as a float32 {@code torch.arange} (see {@link TorchArange}); text resumes
 * at {@code ceil(last visual position) + 1}. Every pair reads the single position.
 *
 * <p>{@code rope_pos_id_version}: {@code v2pe_fix} (inference, fixed {@code rope_pos_id_stride}),
 * {@code v2pe_rnd} (training: each image, and each video frame, draws its stride from
 * {1, 2, 4, …, 256} with Python's {@code random.choice} after {@code random.seed(seed)}, or takes it from
 * an explicit {@code strides} list), {@code default} (no V2PE: integer positions 0, 1, 2, …). Both reference
 * functions are covered by {@code num_image_token}: the inference one hard-codes 256, the training one uses
 * the model's value. Like the reference, a stream needs at least one image.
 */
public final class V2pe {

    /** The strides {@code v2pe_rnd} draws from ({@code random_from} in the reference). */
    static final int[] RANDOM_STRIDES = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    /** {@code rope_pos_id_version}: which position rule the reference applies. */
    enum Version implements ApiNamed {
        /** Inference: every image steps by {@code rope_pos_id_stride / num_image_token}. */
        FIX("v2pe_fix"),
        /** Training: each image (and video frame) draws its stride, or takes it from {@code strides}. */
        RND("v2pe_rnd"),
        /** No V2PE: integer positions 0, 1, 2, …. */
        DEFAULT("default");

        private final String apiName;

        Version(String apiName) {
            this.apiName = apiName;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(1_000_000);
    private static final Parameter<Version> VERSION = Parameter.choice("rope_pos_id_version", Version.class,
            Version.FIX, "v2pe_fix (inference, fixed stride), v2pe_rnd (training draws), default (no V2PE).");
    private static final Parameter<Integer> NUM_IMAGE_TOKEN = Parameter.integer("num_image_token", 256,
            Parameter.Allowed.atLeast(1), "Context tokens per image tile (the inference code hard-codes 256).");
    private static final Parameter<Double> STRIDE = Parameter.number("rope_pos_id_stride", 64,
            Parameter.Allowed.above(0), "v2pe_fix only: positions one tile spans (README evaluation value 64).");
    private static final Parameter<Integer> SEED = Parameter.integer("seed", 0, Parameter.Allowed.ANY,
            "v2pe_rnd only: seed of CPython's random generator for the per-image draws.");
    private static final Parameter<double[]> STRIDES = Parameter.numbers("strides", null,
            Parameter.Allowed.above(0), "v2pe_rnd only: the stride of each image or video frame instead of draws.");

    /** Registry entry {@code v2pe}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("v2pe")
            .summary("V2PE (OpenGVLab): 1D float positions, visual tokens step stride/num_image_token (InternVL2)")
            .paper("V2PE (arXiv 2412.09616)")
            .reference("OpenGVLab/V2PE", "internvl_chat/internvl/model/internvl_chat/modeling_internvl_chat.py",
                    "f96f189")
            .axes(QwenAxes.ONE_D).dtype(DType.FLOAT32).formats("internvl2").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(VERSION, NUM_IMAGE_TOKEN, STRIDE, SEED, STRIDES, Options.PAD_VALUE)
            .build(V2pe::create);

    private V2pe() {
    }

    /** Where the stride of each image comes from; {@link #start} begins the strides of one walk. */
    @FunctionalInterface
    interface Strides {
        DoubleSupplier start(TokenStream stream);

        static Strides fixed(double stride) {
            return stream -> () -> stride;
        }

        static Strides seeded(long seed) {
            return stream -> {
                PythonRandom random = new PythonRandom(seed);
                return () -> random.choice(RANDOM_STRIDES);
            };
        }

        static Strides listed(double[] strides) {
            return stream -> {
                if (strides.length != stream.visualBlockCount()) {
                    throw STRIDES.invalid("lists " + strides.length + " strides but the stream has "
                            + stream.visualBlockCount() + " images (one per image or video frame)");
                }
                int[] next = {0};
                return () -> strides[next[0]++];
            };
        }
    }

    /**
     * The V2PE block: arange from the {@code <img>} position with step δ, first element dropped. A class, not
     * a record: once bound to a stream ({@link #forStream}) it draws each image's stride from a stateful
     * supplier, so a bound layout is one walk's state, not a value; the strides of each stream start anew.
     */
    static final class Layout implements BlockPlacement {
        private final int numImageToken;
        private final Strides strides;
        private final DoubleSupplier current;

        Layout(int numImageToken, Strides strides, DoubleSupplier current) {
            this.numImageToken = numImageToken;
            this.strides = strides;
            this.current = current;
        }

        @Override
        public BlockPlacement forStream(TokenStream stream) {
            return new Layout(numImageToken, strides, strides.start(stream));
        }

        @Override
        public void place(VisualBlock block, Walk walk) {
            if (current == null) {
                throw new IllegalStateException("the V2PE layout must be bound to its stream with forStream first");
            }
            int n = tiledTokens(block, numImageToken);
            double delta = current.getAsDouble() / numImageToken;
            double last = walk.next() - 1;
            // The reference adds a Python float to an int64 tensor: both sides become float32.
            float end = (float) last + (float) (delta * (n + 1));
            long length = TorchArange.length(last, end, delta);
            if (length != n + 1L) {
                throw InvalidInputException.of("V2PE step " + delta + " gives a float32 arange of " + length
                        + " elements for an image of " + n + " tokens (the reference asserts " + (n + 1) + ")");
            }
            float lastValue = ArangeFill.write(walk.out(), 0, walk.cursor(), last, delta, length, 1, n);
            double top = Math.ceil(lastValue);
            walk.endBlock(block, top + 1, top);
        }
    }

    /** Tokens of an image, which must be whole tiles of {@code num_image_token} (the reference asserts it). */
    static int tiledTokens(VisualBlock block, int numImageToken) {
        int n = block.tokens();
        if (n % numImageToken != 0) {
            throw InvalidInputException.of("an InternVL image has num_image_token * tiles tokens; "
                    + n + " tokens is not a multiple of num_image_token = " + numImageToken);
        }
        return n;
    }

    /** The walk of one version: integer positions for {@code default}, float32 V2PE steps otherwise. */
    private static QwenWalker walker(SchemeParams p, Version version, int numImageToken, Strides strides) {
        // InternVL has no HF 4.x text-only branch: M counts real tokens only
        if (version == Version.DEFAULT) {
            BlockPlacement.Sums vanilla = (block, walk) -> {
                tiledTokens(block, numImageToken);
                VanillaRope.LAYOUT.place(block, walk);
            };
            return Options.walker(p, QwenAxes.ONE_D, DType.INT32, vanilla).withTextOnlyMaxCountingPads(false);
        }
        return Options.walker(p, QwenAxes.ONE_D, DType.FLOAT32, new Layout(numImageToken, strides, null))
                .withTextOnlyMaxCountingPads(false);
    }

    private static PositionDesign design(QwenWalker walker) {
        return walker.checking(stream -> {
            if (!stream.hasVisual()) {
                throw InvalidInputException.of("V2PE's get_rope_pos_id needs at least one image; "
                        + "use vanilla for text-only input");
            }
        });
    }

    private static Strides strides(SchemeParams p, Version version) {
        for (Parameter<?> parameter : List.of(STRIDE, SEED, STRIDES)) {
            boolean used = parameter == STRIDE ? version == Version.FIX : version == Version.RND;
            if (p.has(parameter) && !used) {
                throw parameter.invalid("is not used with rope_pos_id_version " + version.apiName());
            }
        }
        if (version == Version.FIX) {
            return Strides.fixed(p.get(STRIDE));
        }
        if (version != Version.RND) {
            return Strides.fixed(1); // "default": integer positions, no stride is read
        }
        if (p.has(STRIDES)) {
            if (p.has(SEED)) {
                throw SEED.invalid("give either seed or strides, not both");
            }
            return Strides.listed(p.get(STRIDES));
        }
        return Strides.seeded(p.get(SEED));
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        Version version = p.get(VERSION);
        int numImageToken = p.get(NUM_IMAGE_TOKEN);
        Strides strides = strides(p, version);
        return new ComposedScheme(DECLARATION.name(), design(walker(p, version, numImageToken, strides)),
                rotary.pairwise("single", QwenAxes.ONE_D, PairAxes.single(rotary.pairs())), p.effective());
    }
}
