package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;

/**
 * {@code smart_resize}: the frame size a Qwen-VL processor resizes an image or video frame to
 * (qwen-mrope.md §7.1, §7.2). Each side is rounded to a multiple of {@code factor}; if the rounded area
 * leaves the pixel budget, both sides are rescaled by {@code beta = sqrt(area / budget)} and floored
 * (too large) or ceiled (too small) to the factor. All arithmetic follows the reference's double evaluation
 * order ({@code h / beta / factor} left to right) and Python's half-to-even {@code round}.
 */
public final class SmartResize {

    /** {@code MAX_RATIO}: larger aspect ratios are rejected. */
    public static final int MAX_ASPECT_RATIO = 200;

    /** transformers {@code Qwen3VLVideoProcessor}: frames per temporal patch. */
    public static final int DEFAULT_TEMPORAL_FACTOR = 2;

    private SmartResize() {
    }

    /**
     * Images, and Qwen2/2.5-VL video frames (each frame on its own budget).
     *
     * @throws IllegalArgumentException for non-positive sides, an aspect ratio above 200, or a result side of 0
     *                                  pixels (transformers: a side below factor/2 with no min budget to lift it;
     *                                  qwen-vl-utils: its shrink branch has no lower bound)
     */
    public static Resized image(int height, int width, ResizeSetting setting) {
        Args.positive("height", height);
        Args.positive("width", width);
        checkAspectRatio(height, width);
        int f = setting.factor();
        boolean qvu = setting.variant() == ResizeVariant.QWEN_VL_UTILS;
        long hBar = PyMath.roundByFactor(height, f);
        long wBar = PyMath.roundByFactor(width, f);
        if (qvu) {
            hBar = Math.max(f, hBar);
            wBar = Math.max(f, wBar);
        }
        double area = PyMath.exactProduct("height*width", height, width);
        if ((double) (hBar * wBar) > setting.maxPixels()) {
            double beta = Math.sqrt(area / setting.maxPixels());
            hBar = PyMath.floorByFactor(height / beta, f);
            wBar = PyMath.floorByFactor(width / beta, f);
            if (!qvu) {
                hBar = Math.max(f, hBar);
                wBar = Math.max(f, wBar);
            }
        } else if ((double) (hBar * wBar) < setting.minPixels()) {
            double beta = Math.sqrt(setting.minPixels() / area);
            hBar = PyMath.ceilByFactor(height * beta, f);
            wBar = PyMath.ceilByFactor(width * beta, f);
        }
        return resized(hBar, wBar);
    }

    /** {@link #qwen3Video(int, int, int, int, ResizeSetting)} with {@link #DEFAULT_TEMPORAL_FACTOR}. */
    public static Resized qwen3Video(int numFrames, int height, int width, ResizeSetting setting) {
        return qwen3Video(numFrames, height, width, DEFAULT_TEMPORAL_FACTOR, setting);
    }

    /**
     * transformers Qwen3-VL video {@code smart_resize(num_frames, h, w, temporal_factor, factor, min, max)}:
     * one budget for the whole video. Sides below {@code factor} are first upscaled by
     * {@code max(factor/h, factor/w)} and truncated; the budget test uses the frame count rounded to the
     * temporal factor, {@code beta} uses the raw frame count.
     *
     * @param setting a {@link ResizeVariant#TRANSFORMERS} setting whose budget covers all frames
     * @throws IllegalArgumentException if {@code numFrames < temporalFactor}, for non-positive sizes, or an aspect
     *                                  ratio above 200
     */
    public static Resized qwen3Video(int numFrames, int height, int width, int temporalFactor,
            ResizeSetting setting) {
        Args.positive("temporalFactor", temporalFactor);
        Args.positive("numFrames", numFrames);
        Args.positive("height", height);
        Args.positive("width", width);
        if (setting.variant() != ResizeVariant.TRANSFORMERS) {
            throw InvalidInputException.of("setting: the Qwen3-VL video smart_resize exists only in transformers, got "
                    + setting.variant());
        }
        if (numFrames < temporalFactor) {
            throw InvalidInputException.of("numFrames (" + numFrames + ") must be at least temporalFactor ("
                    + temporalFactor + ")");
        }
        int f = setting.factor();
        int h = height;
        int w = width;
        if (h < f || w < f) {
            double scale = Math.max((double) f / h, (double) f / w);
            h = (int) (h * scale);
            w = (int) (w * scale);
        }
        checkAspectRatio(h, w);
        long hBar = PyMath.roundByFactor(h, f);
        long wBar = PyMath.roundByFactor(w, f);
        long tBar = PyMath.roundByFactor(numFrames, temporalFactor);
        double volume = PyMath.exactProduct("numFrames*height*width", numFrames, PyMath.exactProduct("height*width", h, w));
        double roundedVolume = PyMath.exactProduct("rounded volume", tBar, hBar * wBar);
        if (roundedVolume > setting.maxPixels()) {
            double beta = Math.sqrt(volume / setting.maxPixels());
            hBar = Math.max(f, PyMath.floorByFactor(h / beta, f));
            wBar = Math.max(f, PyMath.floorByFactor(w / beta, f));
        } else if (roundedVolume < setting.minPixels()) {
            double beta = Math.sqrt(setting.minPixels() / volume);
            hBar = PyMath.ceilByFactor(h * beta, f);
            wBar = PyMath.ceilByFactor(w * beta, f);
        }
        return resized(hBar, wBar);
    }

    private static void checkAspectRatio(int height, int width) {
        double ratio = (double) Math.max(height, width) / Math.min(height, width);
        if (ratio > MAX_ASPECT_RATIO) {
            throw InvalidInputException.of("height/width: absolute aspect ratio must be smaller than "
                    + MAX_ASPECT_RATIO + ", got " + ratio + " (" + height + "x" + width + ")");
        }
    }

    private static Resized resized(long hBar, long wBar) {
        if (hBar <= 0 || wBar <= 0) {
            throw InvalidInputException.of("height/width: smart_resize gives " + hBar + "x" + wBar
                    + " pixels (a side rounded to 0 inside the budget, or qwen-vl-utils shrank it to 0)");
        }
        if (hBar > Integer.MAX_VALUE || wBar > Integer.MAX_VALUE) {
            throw InvalidInputException.of("height/width: resized size " + hBar + "x" + wBar + " is too large");
        }
        return new Resized((int) hBar, (int) wBar);
    }
}
