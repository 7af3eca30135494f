package dev.posplan.multimodal.text;

import dev.posplan.multimodal.processor.SizedVisual;
import java.util.List;

/**
 * Chat messages as a processor outputs them: the {@code input_ids} with every vision placeholder expanded, and
 * the images' and videos' sizes in prompt order (their {@code grid_thw} rows are HF's {@code image_grid_thw} /
 * {@code video_grid_thw}).
 */
public record ChatTokens(int[] inputIds, List<SizedVisual> images, List<SizedVisual> videos) {

    public ChatTokens {
        images = List.copyOf(images);
        videos = List.copyOf(videos);
    }

    /** HF {@code image_grid_thw}: one {@code [t, h, w]} row per image. */
    public int[][] imageGridThw() {
        return images.stream().map(SizedVisual::gridThw).toArray(int[][]::new);
    }

    /** HF {@code video_grid_thw}: one {@code [t, h, w]} row per video. */
    public int[][] videoGridThw() {
        return videos.stream().map(SizedVisual::gridThw).toArray(int[][]::new);
    }

    /** Qwen2.5-VL {@code second_per_grid_ts}, one per video (NaN where the pipeline has none). */
    public double[] secondPerGridTs() {
        return videos.stream().mapToDouble(SizedVisual::secondPerGridT).toArray();
    }
}
