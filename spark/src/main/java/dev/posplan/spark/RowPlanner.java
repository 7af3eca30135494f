package dev.posplan.spark;

/**
 * Plans processor rows one at a time with {@link PosplanLibrary}, turning every failure into a
 * {@link RowPlan} problem: a corpus of millions of rows is audited, not aborted, by its bad rows. The pad
 * counts are checked here first so that a grid mismatch is classified as such, not as a generic rejection.
 */
final class RowPlanner {

    private final PosplanLibrary library;

    RowPlanner(PosplanLibrary library) {
        this.library = library;
    }

    PosplanLibrary library() {
        return library;
    }

    /**
     * @param malformed what made a processor column unreadable (a null or out-of-range element), or null
     */
    RowPlan plan(int[] inputIds, int[] mask, int[][] imageGrids, int[][] videoGrids, double[] secondPerGridTs,
            String malformed) {
        if (inputIds == null) {
            return new RowPlan(0, 0, 0, null, RowPlan.INVALID, "input_ids is missing");
        }
        int image = 0;
        int video = 0;
        int text = 0;
        int imagePad = library.imagePad();
        int videoPad = library.videoPad();
        boolean maskFits = mask == null || mask.length == inputIds.length;
        for (int i = 0; i < inputIds.length; i++) {
            if (maskFits && mask != null && mask[i] == 0) {
                continue;
            }
            int id = inputIds[i];
            if (id == imagePad) {
                image++;
            } else if (id == videoPad) {
                video++;
            } else {
                text++;
            }
        }
        if (malformed != null) {
            return new RowPlan(text, image, video, null, RowPlan.INVALID, malformed);
        }
        String mismatch = mismatch("image", "image_grid_thw", image, imageGrids);
        if (mismatch == null) {
            mismatch = mismatch("video", "video_grid_thw", video, videoGrids);
        }
        if (mismatch != null) {
            return new RowPlan(text, image, video, null, RowPlan.GRID_MISMATCH, mismatch);
        }
        try {
            PosplanLibrary.Positions p = library.plan(inputIds, mask, imageGrids, videoGrids,
                    library.absoluteTime() ? secondPerGridTs : null);
            return new RowPlan(text, image, video, p, null, null);
        } catch (IllegalArgumentException e) {
            return new RowPlan(text, image, video, null, RowPlan.INVALID, e.getMessage());
        } catch (RuntimeException e) {
            return new RowPlan(text, image, video, null, RowPlan.INTERNAL_ERROR, e.toString());
        }
    }

    /** A message when the pads of a modality disagree with its grids; null when they agree or a grid is malformed. */
    private String mismatch(String what, String field, int pads, int[][] grids) {
        long cells = 0;
        int m2 = library.spatialMergeSize() * library.spatialMergeSize();
        if (grids != null) {
            for (int[] g : grids) {
                if (g.length != 3) {
                    return null; // malformed grids are the library's to name
                }
                cells += (long) g[0] * g[1] * g[2];
            }
        }
        long tokens = cells / m2;
        if (tokens == pads) {
            return null;
        }
        return what + " placeholders: input_ids hold " + pads + " unmasked " + what + " pad tokens but " + field
                + " gives " + tokens + " (sum of t*h*w / " + m2 + ")";
    }
}
