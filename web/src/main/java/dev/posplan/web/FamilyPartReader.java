package dev.posplan.web;

import dev.posplan.multimodal.BailingFormat;
import dev.posplan.multimodal.FamilyPreset;
import dev.posplan.multimodal.GlmFormat;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.processor.FamilyVideoProcessor;
import dev.posplan.multimodal.processor.SizedVisual;
import java.util.List;

/**
 * Image and video parts of a request naming a {@link FamilyPreset}: a processor {@code grid_thw} merged as the
 * family merges it (ERNIE's video frames 2 per slice), an image's pixel size through the family's
 * {@code smart_resize}, a video's frames/fps/size through the family's {@link FamilyVideoProcessor} (GLM,
 * ERNIE, Qwen2.5-Omni, Ming). GLM videos write each frame's timestamp as its digits; Ming's interleaved frames
 * need the client's {@code timestamp_tokens}.
 */
final class FamilyPartReader {

    private FamilyPartReader() {
    }

    /** The merged grid of an image or video part given by {@code grid_thw} or by its size. */
    static Grid grid(V1PlanRequest.Part part, String at, FamilyPreset model, boolean video) {
        if (part.gridThw() != null) {
            int[] thw = sides(part.gridThw(), at + "/grid_thw");
            try {
                return model.images().merge(thw, video);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(at + "/grid_thw", e.getMessage());
            }
        }
        if (video) {
            return video(part, at, model).grid();
        }
        int width = WireParts.positive(part.width(), at + "/width");
        int height = WireParts.positive(part.height(), at + "/height");
        try {
            return model.images().image(width, height);
        } catch (IllegalArgumentException e) {
            // the processor names a side ("width", "height") or refuses the size as a whole
            String side = e instanceof InvalidInputException named ? named.field() : null;
            throw new InvalidInputException(side == null ? at : at + "/" + side, at + ": " + e.getMessage());
        }
    }

    /**
     * A video part given by {@code frames}/{@code fps}/size, sampled and resized as the family's video processor
     * does ({@link FamilyVideoProcessor}); a 422 naming the part for a family whose pipeline is not served.
     */
    static SizedVisual video(V1PlanRequest.Part part, String at, FamilyPreset model) {
        if (part.grid() != null || part.gridThw() != null) {
            throw InvalidInputException.at(at, "must give exactly one of grid, grid_thw or frames+fps+width+height");
        }
        FamilyVideoProcessor processor = FamilyVideoProcessor.of(model.images());
        if (processor == null) {
            throw InvalidInputException.at(at, "model " + model.apiName() + ": videos by frames, fps and size are "
                    + "not served (its video pipeline is not among the references read); give grid or grid_thw");
        }
        VideoSize v = VideoSize.of(part, at);
        try {
            return processor.video(v.frames(), v.fps(), v.width(), v.height());
        } catch (IllegalArgumentException e) {
            // the samplers name the source frame count "totalFrames" and its rate "videoFps"; the rest is the size
            String message = String.valueOf(e.getMessage());
            String field = message.startsWith("totalFrames") ? at + "/frames"
                    : message.startsWith("videoFps") ? at + "/fps" : at;
            throw new InvalidInputException(field, field + ": " + e.getMessage());
        }
    }

    /**
     * Ming's interleaved video by frames/fps/size: each temporal patch is preceded by its time as text, which the
     * reference processor read (processing_bailingmm2.py @ 017f111) does not write and only a tokenizer could
     * count, so the client gives {@code timestamp_tokens} (one count per temporal patch) or asks for
     * {@code format: bailing}, which has none.
     */
    static void requireTimestampTokens(V1PlanRequest.Part part, String at, HostFormat format, SizedVisual video) {
        if (format == BailingFormat.BAILING_INTERLEAVED && part.timestampTokens() == null) {
            throw InvalidInputException.at(at + "/timestamp_tokens", "is required for a video by frames, fps and "
                    + "size in format " + format.apiName() + ": give one count per temporal patch (t = "
                    + video.grid().t() + ") of the timestamp text written before each frame, or use format "
                    + BailingFormat.BAILING.apiName() + ", which writes none");
        }
    }

    /**
     * Timestamp tokens per frame of a video given its frames' seconds, as the format writes them (GLM: the digits
     * of {@code int(t)}); null when the format is not one this reader knows (the caller keeps its own rule).
     *
     * @throws IllegalArgumentException for Ming's interleaved frames, whose timestamp text only a tokenizer counts
     */
    static int[] timestampTokens(HostFormat format, List<Double> seconds) {
        return timestampTokens(format, seconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** {@link #timestampTokens(HostFormat, List)} of the seconds a processor computed. */
    static int[] timestampTokens(HostFormat format, double[] seconds) {
        if (format == BailingFormat.BAILING_INTERLEAVED) {
            throw new IllegalArgumentException("format " + format.apiName() + " writes each frame's time as "
                    + "tokenizer text; give timestamp_tokens");
        }
        if (format != GlmFormat.GLM4V) {
            return null;
        }
        int[] out = new int[seconds.length];
        for (int k = 0; k < out.length; k++) {
            double s = seconds[k];
            if (!(s >= 0) || s > 1e9) {
                throw new IllegalArgumentException("timestamps must be in [0, 1e9] seconds, got " + s);
            }
            out[k] = GlmFormat.timestampTokens(s);
        }
        return out;
    }

    private static int[] sides(List<Integer> grid, String at) {
        if (grid.size() != 3) {
            throw InvalidInputException.at(at, "must be [t, h, w], got " + grid.size() + " values");
        }
        int[] g = new int[3];
        for (int k = 0; k < 3; k++) {
            Integer side = grid.get(k);
            if (side == null || side < 1 || side > Grid.MAX_SIDE) {
                throw InvalidInputException.at(at, "sides must be integers in 1.." + Grid.MAX_SIDE + ", got " + grid);
            }
            g[k] = side;
        }
        return g;
    }
}
