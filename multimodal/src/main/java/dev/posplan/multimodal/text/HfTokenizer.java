package dev.posplan.multimodal.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A model's tokenizer read from a local directory holding {@code tokenizer.json} (and, optionally,
 * {@code tokenizer_config.json} with the chat template). Built with truncation off and without added special
 * tokens: DJL's default would silently cut every text at 512 tokens. Nothing is downloaded. Thread-safe.
 */
public final class HfTokenizer implements AutoCloseable {

    private final Path directory;
    private final HuggingFaceTokenizer tokenizer;
    private final String chatTemplate;

    private HfTokenizer(Path directory, HuggingFaceTokenizer tokenizer, String chatTemplate) {
        this.directory = directory;
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
    }

    /**
     * Loads the tokenizer of a directory (or of the directory of a {@code tokenizer.json} path).
     *
     * @throws IllegalArgumentException if there is no {@code tokenizer.json}
     * @throws UncheckedIOException     if it cannot be read
     */
    public static HfTokenizer load(Path path) {
        Path dir = Files.isDirectory(path) ? path : path.getParent();
        Path json = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException("no tokenizer.json in " + dir);
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder().optTokenizerPath(json).optTruncation(false)
                    .optAddSpecialTokens(false).build();
            return new HfTokenizer(dir, t, readChatTemplate(dir.resolve("tokenizer_config.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + json, e);
        }
    }

    private static String readChatTemplate(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            return null;
        }
        JsonNode template = new ObjectMapper().readTree(config.toFile()).get("chat_template");
        return template != null && template.isString() ? template.stringValue() : null;
    }

    /** The token ids of a text; special tokens written in the text ({@code <|im_start|>}) become their ids. */
    public int[] encode(String text) {
        Encoding e = tokenizer.encode(text, false, false);
        long[] ids = e.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** The id of a token that encodes to exactly one id, such as {@code <|image_pad|>}. */
    public int id(String token) {
        int[] ids = encode(token);
        if (ids.length != 1) {
            throw new IllegalArgumentException("'" + token + "' is not a single token of " + directory);
        }
        return ids[0];
    }

    /** The {@code chat_template} of {@code tokenizer_config.json}, if there is one. */
    public Optional<String> chatTemplate() {
        return Optional.ofNullable(chatTemplate);
    }

    /** Where the tokenizer was read from. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
