package dev.posplan.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A seeded synthetic corpus of processor rows for one model: chat text, images of many sizes and aspect
 * ratios (sized by the library's {@code smart_resize}), short, long and day-long videos (sampled and resized
 * as the family's pipeline does), a few long documents, left-padded rows, and 4% malformed rows of five
 * kinds. Row {@code i} depends only on the seed and {@code i}, so the corpus is the same however Spark splits
 * it. The {@code kind} column says what each row is meant to be.
 */
public final class SampleCorpus {

    /** Row kinds and their weights per thousand rows. */
    enum Kind {
        CHAT(488), IMAGE(250), MULTI_IMAGE(80), VIDEO(100), LONG_VIDEO(8), DAY_LONG_VIDEO(2), LONG_DOCUMENT(2),
        PADDED(30), PAD_DROPPED(8), GRID_TOO_LARGE(8), BARE_PADS(8), ADJACENT_IMAGES(8), BAD_MASK(8);

        final int perMille;

        Kind(int perMille) {
            this.perMille = perMille;
        }

        String columnValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind draw(SplittableRandom r) {
            int x = r.nextInt(1000);
            for (Kind k : values()) {
                x -= k.perMille;
                if (x < 0) {
                    return k;
                }
            }
            throw new IllegalStateException("weights do not sum to 1000");
        }
    }

    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("kind", DataTypes.StringType, false)
            .add(ProcessorColumns.INPUT_IDS, ProcessorColumns.IDS, false)
            .add(ProcessorColumns.ATTENTION_MASK, ProcessorColumns.IDS, false)
            .add(ProcessorColumns.IMAGE_GRID_THW, ProcessorColumns.GRIDS, true)
            .add(ProcessorColumns.VIDEO_GRID_THW, ProcessorColumns.GRIDS, true)
            .add(ProcessorColumns.SECOND_PER_GRID_TS, ProcessorColumns.SECONDS, true);

    private static final int IMAGE_MAX_TOKENS = 1280;
    private static final int VIDEO_MAX_FRAME_PIXELS = 128 * 28 * 28;
    private static final int PAD_TOKEN = 151_643;

    private final String model;
    private final long seed;

    private SampleCorpus(String model, long seed) {
        PosplanLibrary.requireModel(model);
        this.model = model;
        this.seed = seed;
    }

    public static SampleCorpus of(String model, long seed) {
        return new SampleCorpus(model, seed);
    }

    /** {@code rows} rows with ids {@code 0 .. rows-1}. */
    public Dataset<Row> rows(SparkSession spark, long rows, int partitions) {
        String m = model;
        long s = seed;
        return CatalystRows.mapPartitions(spark.range(0, rows, 1, partitions).toDF("id"), SCHEMA,
                ids -> generate(m, s, ids));
    }

    private static Iterator<InternalRow> generate(String model, long seed, Iterator<InternalRow> ids) {
        // The generator reads only the preset's constants and processor math; any compat will do.
        PosplanLibrary library = PosplanLibrary.of(model, PosplanLibrary.compats().get(0));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public InternalRow next() {
                return row(library, seed, ids.next().getLong(0));
            }
        };
    }

    /** Row {@code id} of the corpus with this seed. */
    static InternalRow row(PosplanLibrary library, long seed, long id) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        Kind kind = Kind.draw(r);
        SampleRow row = new SampleRow(library, r);
        row.turnStart().text(6 + r.nextInt(20)).turnEnd(); // system prompt
        row.turnStart();
        switch (kind) {
            case IMAGE, PAD_DROPPED, GRID_TOO_LARGE, BARE_PADS, PADDED, BAD_MASK -> row.image(image(library, r));
            case MULTI_IMAGE -> {
                int n = 2 + r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    row.image(image(library, r)).text(r.nextInt(12));
                }
            }
            case ADJACENT_IMAGES -> {
                row.image(image(library, r));
                row.image(image(library, r));
            }
            case VIDEO -> row.video(video(library, r, 3 + r.nextInt(28)));
            case LONG_VIDEO -> row.video(video(library, r, 600 + r.nextInt(3000)));
            case DAY_LONG_VIDEO -> row.video(video(library, r, 6 * 3600 + r.nextInt(18 * 3600)));
            case LONG_DOCUMENT -> row.text(20_000 + r.nextInt(20_000));
            case CHAT -> { }
        }
        row.text(text(r)).turnEnd();
        row.turnStart().text(text(r)).turnEnd();
        int[] ids = malform(kind, row, library);
        int[] mask = new int[ids.length];
        java.util.Arrays.fill(mask, 1);
        if (kind == Kind.PADDED) {
            int pad = 1 + r.nextInt(64);
            int[] padded = new int[pad + ids.length];
            int[] paddedMask = new int[padded.length];
            java.util.Arrays.fill(padded, 0, pad, PAD_TOKEN);
            System.arraycopy(ids, 0, padded, pad, ids.length);
            java.util.Arrays.fill(paddedMask, pad, padded.length, 1);
            ids = padded;
            mask = paddedMask;
        } else if (kind == Kind.BAD_MASK) {
            mask[r.nextInt(mask.length)] = 2;
        }
        List<int[]> images = new ArrayList<>(row.images);
        if (kind == Kind.GRID_TOO_LARGE) {
            int[] g = images.get(0).clone();
            g[1] += library.spatialMergeSize();
            images.set(0, g);
        }
        double[] seconds = row.seconds.isEmpty() ? null : row.seconds.stream().mapToDouble(Double::doubleValue).toArray();
        return new GenericInternalRow(new Object[] {id, CatalystRows.string(kind.columnValue()),
                CatalystRows.array(ids), CatalystRows.array(mask), CatalystRows.array(SampleRow.grids(images)),
                CatalystRows.array(SampleRow.grids(row.videos)), CatalystRows.array(seconds)});
    }

    /** The token-level defects: one image pad dropped, a bare pad run, two images in one pad run. */
    private static int[] malform(Kind kind, SampleRow row, PosplanLibrary library) {
        switch (kind) {
            case PAD_DROPPED -> row.removeFirst(library.imagePad(), 0);
            case BARE_PADS -> row.removeFirst(library.visionStart(), 0);
            case ADJACENT_IMAGES -> {
                int end = row.indexOf(library.visionEnd());
                row.removeFirst(library.visionEnd(), end);
                row.removeFirst(library.visionStart(), end);
            }
            default -> { }
        }
        return row.inputIds();
    }

    /** Chat text lengths: mostly short, a long tail. */
    private static int text(SplittableRandom r) {
        return (int) Math.min(4000, Math.exp(3 + r.nextDouble() * 3.5));
    }

    private static final int[][] SCREENS = {{1080, 1920}, {1440, 2560}, {2532, 1170}, {768, 1366}};
    private static final int[][] FRAMES = {{360, 640}, {720, 1280}, {1080, 1920}, {1280, 720}, {480, 480}};
    private static final double[] FPS = {24, 25, 30, 29.97, 60};

    /** Photos, screenshots, icons and panoramas. */
    private static int[] image(PosplanLibrary library, SplittableRandom r) {
        int h;
        int w;
        switch (r.nextInt(4)) {
            case 0 -> {
                int[] s = SCREENS[r.nextInt(SCREENS.length)];
                h = s[0];
                w = s[1];
            }
            case 1 -> {
                h = 32 + r.nextInt(200);
                w = 32 + r.nextInt(200);
            }
            case 2 -> {
                h = 200 + r.nextInt(600);
                w = h * (3 + r.nextInt(8));
            }
            default -> {
                w = 480 + r.nextInt(3600);
                h = (int) (w * (0.5 + r.nextDouble() * 1.5));
            }
        }
        return library.imageGrid(h, w, IMAGE_MAX_TOKENS);
    }

    private static PosplanLibrary.Video video(PosplanLibrary library, SplittableRandom r, int seconds) {
        int[] size = FRAMES[r.nextInt(FRAMES.length)];
        double fps = FPS[r.nextInt(FPS.length)];
        int frames = (int) Math.max(library.temporalPatchSize() * 2, Math.round(seconds * fps));
        return library.video(frames, fps, size[0], size[1], 768, VIDEO_MAX_FRAME_PIXELS);
    }
}
