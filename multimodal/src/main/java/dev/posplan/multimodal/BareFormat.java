package dev.posplan.multimodal;

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
    public void appendImage(TokenStream.Builder b, VisualBlock image) {
        b.add(image);
    }

    @Override
    public void appendVideo(TokenStream.Builder b, PromptPart.Video v, int source) {
        b.add(v.block(source));
    }
}
