package dev.posplan.bench;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark layouts S1–S5 (grids are merged LLM grids). Qwen3-VL videos get
 * {@value #TIMESTAMP_TOKENS} timestamp tokens per frame, the length of a typical {@code "<12.5 seconds>"}.
 */
final class Layouts {

    static final int TIMESTAMP_TOKENS = 7;

    private Layouts() {
    }

    /** S1: 200 text + image 1×32×32 + 100 text. */
    static List<PromptPart> s1() {
        return List.of(text(200), image(1, 32, 32), text(100));
    }

    /** S2: 20 × (150 text + image 1×24×18). */
    static List<PromptPart> s2() {
        return s2(0);
    }

    /** S2 with {@code shorter} fewer text tokens in its first text run. */
    private static List<PromptPart> s2(int shorter) {
        List<PromptPart> parts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            parts.add(text(i == 0 ? 150 - shorter : 150));
            parts.add(image(1, 24, 18));
        }
        return parts;
    }

    /** S3: 50 text + video 300×16×28 + 50 text. */
    static List<PromptPart> s3() {
        return List.of(text(50), video(300, 16, 28), text(50));
    }

    /** S4: 50 text + video 1800×16×28 + 50 text (about one hour at 2 fps: 806,400 visual tokens). */
    static List<PromptPart> s4() {
        return List.of(text(50), video(1800, 16, 28), text(50));
    }

    /** Text tokens row r &lt; 4 of S5 lacks: 37, 74, 111, 148. */
    static final int S5_SHORTER = 37;

    /**
     * S5, the unpadded rows of a batch of 8 × S2: rows 4–7 are S2; rows 0–3 have {@code (r + 1) × 37} fewer
     * text tokens in their first text run. {@code BatchPlanner} left-pads rows 0–3 by exactly that many
     * tokens, so every row of the planned batch has S2's length L.
     */
    static List<TokenStream> s5Rows(HostFormat format) {
        List<TokenStream> rows = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            rows.add(format.expand(s2(r < 4 ? (r + 1) * S5_SHORTER : 0)));
        }
        return rows;
    }

    static List<PromptPart> byName(String name) {
        return switch (name) {
            case "S1" -> s1();
            case "S2" -> s2();
            case "S3" -> s3();
            case "S4" -> s4();
            default -> throw new IllegalArgumentException("unknown layout " + name);
        };
    }

    private static PromptPart text(int n) {
        return new PromptPart.Text(n);
    }

    private static PromptPart image(int t, int h, int w) {
        return new PromptPart.Image(new Grid(t, h, w));
    }

    private static PromptPart video(int t, int h, int w) {
        return PromptPart.Video.uniform(new Grid(t, h, w), TIMESTAMP_TOKENS);
    }
}
