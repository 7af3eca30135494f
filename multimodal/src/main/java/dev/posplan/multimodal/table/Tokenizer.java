package dev.posplan.multimodal.table;

/**
 * Turns text into token ids, as a Hugging Face tokenizer's {@code encode(text, add_special_tokens=False)}
 * does. Table serialisation and the TableInstruct format read it; the service plugs a real tokenizer
 * behind it, the conformance checker the {@link WordLevelTokenizer} the golden files were made with.
 */
public interface Tokenizer {

    /** Ids of {@code text} without special tokens. */
    int[] encode(String text);

    /** Id of the beginning-of-sequence token. */
    int bosTokenId();

    /** Id of the end-of-sequence token. */
    int eosTokenId();
}
