package dev.posplan.multimodal;

/**
 * The special token ids a Qwen-VL prompt uses to mark vision content (qwen-mrope.md §1; identical in
 * Qwen2-VL, Qwen2.5-VL and Qwen3-VL). Every other id is text for position purposes.
 *
 * @param visionStart {@code <|vision_start|>}, a text token that opens a vision block
 * @param visionEnd   {@code <|vision_end|>}, a text token that closes it
 * @param imagePad    {@code <|image_pad|>}, one placeholder per merged image grid cell
 * @param videoPad    {@code <|video_pad|>}, one placeholder per merged video grid cell
 */
public record QwenTokenIds(int visionStart, int visionEnd, int imagePad, int videoPad) {

    /** The ids of every released Qwen2-VL, Qwen2.5-VL and Qwen3-VL checkpoint. */
    public static final QwenTokenIds QWEN = new QwenTokenIds(151652, 151653, 151655, 151656);

    public QwenTokenIds {
        int[] ids = {visionStart, visionEnd, imagePad, videoPad};
        for (int i = 0; i < ids.length; i++) {
            for (int j = i + 1; j < ids.length; j++) {
                if (ids[i] == ids[j]) {
                    throw InvalidInputException.of("special token ids must differ, " + ids[i] + " is used twice");
                }
            }
        }
    }

    /** The pad id of a modality. */
    public int pad(Modality modality) {
        return modality == Modality.IMAGE ? imagePad : videoPad;
    }
}
