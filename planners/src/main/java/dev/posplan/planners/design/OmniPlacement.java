package dev.posplan.planners.design;

import dev.posplan.multimodal.AudioVideoBlock;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.multimodal.processor.OmniModel;
import dev.posplan.planners.PositionBuffer;

/**
 * The Qwen-Omni block placement (golden-incoming/qwen_omni/README.md, "Rules"), for Qwen2.5-Omni (integer) and
 * Qwen3-Omni (float32, every step rounded as the reference rounds it). A block with start s' gets
 * {@code (s' + t_k, s' + hi, s' + wi)}, {@code t_k} from {@link OmniModel#sliceTime}; text resumes at
 * max(block) + 1. In a video with its audio track both streams start at s': audio token j gets
 * {@code s' + j} on every axis, the tokens come in the block's run order, and text resumes after the
 * <b>last run</b> (the last piece the reference appends), not the whole block, while M counts every token.
 */
public final class OmniPlacement implements BlockPlacement {

    private final OmniModel model;
    private final boolean float32;

    /**
     * @param model   whose time arithmetic to use
     * @param float32 round every start to float32, as a float32 reference does (Qwen3-Omni)
     */
    public OmniPlacement(OmniModel model, boolean float32) {
        this.model = model;
        this.float32 = float32;
    }

    private double round(double v) {
        return float32 ? (float) v : v;
    }

    private double[] sliceTimes(VisualBlock block) {
        double[] t = new double[block.grid().t()];
        float spg = block.hasSecondsPerGrid() ? block.secondsPerGrid() : 1.0f;
        for (int k = 0; k < t.length; k++) {
            // an image is one slice at time 0
            t[k] = block.modality() == Modality.IMAGE ? k : model.sliceTime(k, spg);
        }
        return t;
    }

    @Override
    public void place(VisualBlock block, Walk walk) {
        Grid g = block.grid();
        double start = round(walk.next());
        double[] slice = sliceTimes(block);
        for (int k = 0; k < slice.length; k++) {
            slice[k] += start;
        }
        PositionBuffer out = walk.out();
        int at = walk.cursor();
        GridFill.axis(out, 0, at, g, slice, 0, 0);
        GridFill.axis(out, 1, at, g, start, 0, 1, 0);
        GridFill.axis(out, 2, at, g, start, 0, 0, 1);
        // the last token has the largest value on every axis
        double max = maxOver(out, at + block.tokens() - 1);
        walk.endBlock(block, round(max + 1), max);
    }

    @Override
    public void placeAudioVideo(AudioVideoBlock block, Walk walk) {
        VisualBlock video = block.video();
        Grid g = video.grid();
        double start = round(walk.next());
        double[] time = sliceTimes(video);
        PositionBuffer out = walk.out();
        int at = walk.cursor();
        int perSlice = g.tokensPerSlice();
        int videoToken = 0;
        int audioToken = 0;
        double max = Double.NEGATIVE_INFINITY;
        double lastRunMax = start - 1;
        for (int r = 0; r < block.runCount(); r++) {
            int n = block.run(r);
            if (n == 0) {
                continue;
            }
            double runMax = Double.NEGATIVE_INFINITY;
            if (r % 2 == 0) {
                for (int i = 0; i < n; i++, videoToken++, at++) {
                    int inSlice = videoToken % perSlice;
                    out.set(0, at, start + time[videoToken / perSlice]);
                    out.set(1, at, start + inSlice / g.w());
                    out.set(2, at, start + inSlice % g.w());
                    runMax = Math.max(runMax, maxOver(out, at));
                }
            } else {
                out.rampAll(at, n, start + audioToken);
                at += n;
                audioToken += n;
                runMax = out.get(0, at - 1);
            }
            lastRunMax = runMax;
            max = Math.max(max, runMax);
        }
        walk.endBlock(block, round(lastRunMax + 1), max);
    }

    private static double maxOver(PositionBuffer out, int token) {
        return Math.max(out.get(0, token), Math.max(out.get(1, token), out.get(2, token)));
    }
}
