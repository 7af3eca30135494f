package dev.posplan.multimodal;

import java.util.List;

/**
 * No wrapper tokens at all: text parts become text runs (keeping their role), an image becomes one
 * visual block and a whole video one block of {@code t} slices, with nothing before, between or after
 * them. This is how VRoPE sees its input (vlm-ropes.md §8: the repo inserts no tokens; any image start
 * or end tokens of a host model are ordinary text parts of the prompt).
 */
public enum BareFormat implements HostFormat {
    BARE;

    @Override
    public String apiName() {
        return "bare";
    }

    @Override
    public TokenStream expand(List<PromptPart> parts, int leftPadding) {
        TokenStream.Builder b = TokenStream.builder().padding(leftPadding);
        int images = 0;
        int videos = 0;
        for (PromptPart part : parts) {
            if (part instanceof PromptPart.Text t) {
                b.text(t.tokens(), t.role());
            } else if (part instanceof PromptPart.Image img) {
                b.add(new VisualBlock(Modality.IMAGE, img.grid(), Float.NaN, images++, 0));
            } else if (part instanceof PromptPart.Video v) {
                b.add(new VisualBlock(Modality.VIDEO, v.grid(), v.secondsPerGrid(), videos++, 0));
            } else {
                throw new IllegalArgumentException("unsupported prompt part " + part);
            }
        }
        return b.build();
    }
}
