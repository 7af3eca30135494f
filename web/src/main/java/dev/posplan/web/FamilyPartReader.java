package dev.posplan.web;

import dev.posplan.multimodal.BailingFormat;
import dev.posplan.multimodal.FamilyPreset;
import dev.posplan.multimodal.GlmFormat;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.InvalidInputException;
import java.util.List;

/**
 * Image and video parts of a request naming a {@link FamilyPreset}: a processor {@code grid_thw} merged as the
 * family merges it (ERNIE's video frames 2 per slice), an image's pixel size through the family's
 * {@code smart_resize}; videos by frames/fps/size are not served (their samplers are not ported). GLM videos
 * write each frame's timestamp as its digits.
 */
final class FamilyPartReader {

    private FamilyPartReader() {
    }

    /** The merged grid of an image or video part given by {@code grid_thw} or, for an image, by its size. */
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
            throw InvalidInputException.at(at, "model " + model.apiName() + ": videos by frames, fps and size are "
                    + "not served (its frame sampler is not ported); give grid or grid_thw");
        }
        int width = positive(part.width(), at + "/width");
        int height = positive(part.height(), at + "/height");
        try {
            return model.images().image(width, height);
        } catch (IllegalArgumentException e) {
            // the processor names a side ("width", "height") or refuses the size as a whole
            String side = e instanceof InvalidInputException named ? named.field() : null;
            throw new InvalidInputException(side == null ? at : at + "/" + side, at + ": " + e.getMessage());
        }
    }

    /**
     * Timestamp tokens per frame of a video given its frames' seconds, as the format writes them (GLM: the digits
     * of {@code int(t)}); null when the format is not one this reader knows (the caller keeps its own rule).
     *
     * @throws IllegalArgumentException for Ming's interleaved frames, whose timestamp text only a tokenizer counts
     */
    static int[] timestampTokens(HostFormat format, List<Double> seconds) {
        if (format == BailingFormat.BAILING_INTERLEAVED) {
            throw new IllegalArgumentException("format " + format.apiName() + " writes each frame's time as "
                    + "tokenizer text; give timestamp_tokens");
        }
        if (format != GlmFormat.GLM4V) {
            return null;
        }
        int[] out = new int[seconds.size()];
        for (int k = 0; k < out.length; k++) {
            double s = seconds.get(k);
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

    private static int positive(Integer v, String at) {
        if (v == null) {
            throw InvalidInputException.at(at, "is required");
        }
        if (v < 1) {
            throw InvalidInputException.at(at, "must be >= 1, got " + v);
        }
        return v;
    }
}
