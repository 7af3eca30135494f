package dev.posplan.planners.scheme;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.multimodal.numerics.TorchArange;
import dev.posplan.planners.ArangeFill;
import dev.posplan.planners.BlockLayout;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.PositionDesign;
import dev.posplan.planners.PythonRandom;
import dev.posplan.planners.QwenWalker;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.Walk;
import java.util.Set;
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

    private static final String FIX = "v2pe_fix";
    private static final String RND = "v2pe_rnd";
    private static final String DEFAULT = "default";

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
                    throw SchemeParams.invalid("strides", "lists " + strides.length + " strides but the stream has "
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
    static final class Layout implements BlockLayout {
        private final int numImageToken;
        private final Strides strides;
        private final DoubleSupplier current;

        Layout(int numImageToken, Strides strides, DoubleSupplier current) {
            this.numImageToken = numImageToken;
            this.strides = strides;
            this.current = current;
        }

        @Override
        public BlockLayout forStream(TokenStream stream) {
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
                throw new IllegalArgumentException("V2PE step " + delta + " gives a float32 arange of " + length
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
            throw new IllegalArgumentException("an InternVL image has num_image_token * tiles tokens; "
                    + n + " tokens is not a multiple of num_image_token = " + numImageToken);
        }
        return n;
    }

    /** The walk of one version: integer positions for {@code default}, float32 V2PE steps otherwise. */
    private static QwenWalker walker(SchemeParams p, String version, int numImageToken, Strides strides) {
        if (version.equals(DEFAULT)) {
            BlockLayout.Sums vanilla = (block, walk) -> {
                tiledTokens(block, numImageToken);
                VanillaRope.LAYOUT.place(block, walk);
            };
            return Options.walker(p, QwenAxes.ONE_D, DType.INT32, vanilla);
        }
        return Options.walker(p, QwenAxes.ONE_D, DType.FLOAT32, new Layout(numImageToken, strides, null));
    }

    private static PositionDesign design(QwenWalker walker) {
        return walker.checking(stream -> {
            if (!stream.hasVisual()) {
                throw new IllegalArgumentException("V2PE's get_rope_pos_id needs at least one image; "
                        + "use vanilla for text-only input");
            }
        });
    }

    private static Strides strides(SchemeParams p, String version) {
        for (String name : new String[] {"rope_pos_id_stride", "seed", "strides"}) {
            boolean used = name.equals("rope_pos_id_stride") ? version.equals(FIX) : version.equals(RND);
            if (p.has(name) && !used) {
                throw SchemeParams.invalid(name, "is not used with rope_pos_id_version " + version);
            }
        }
        if (version.equals(FIX)) {
            return Strides.fixed(positive("rope_pos_id_stride", p.getDouble("rope_pos_id_stride", 64)));
        }
        if (!version.equals(RND)) {
            return Strides.fixed(1); // "default": integer positions, no stride is read
        }
        if (p.has("strides")) {
            if (p.has("seed")) {
                throw SchemeParams.invalid("seed", "give either seed or strides, not both");
            }
            double[] list = p.getDoubleArray("strides", new double[0]);
            for (double s : list) {
                positive("strides", s);
            }
            return Strides.listed(list);
        }
        return Strides.seeded(p.getInt("seed", 0));
    }

    private static double positive(String name, double v) {
        if (!(v > 0)) {
            throw SchemeParams.invalid(name, "must be > 0, got " + v);
        }
        return v;
    }

    /** Registry entry {@code v2pe}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "v2pe";
        }

        @Override
        public String summary() {
            return "V2PE (OpenGVLab): 1D float positions, visual tokens step stride/num_image_token (InternVL2)";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 1_000_000);
            String version = p.getString("rope_pos_id_version", FIX, Set.of(FIX, RND, DEFAULT));
            int numImageToken = p.getInt("num_image_token", 256);
            if (numImageToken < 1) {
                throw SchemeParams.invalid("num_image_token", "must be >= 1, got " + numImageToken);
            }
            Strides strides = strides(p, version);
            return new ComposedScheme(name(), design(walker(p, version, numImageToken, strides)),
                    rotary.pairwise("single", QwenAxes.ONE_D, PairAxes.single(rotary.pairs())), p.effective());
        }
    }
}
