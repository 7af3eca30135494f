package dev.posplan.multimodal.table;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The TableInstruct prompt format of zyx-hfut/2D-TPE (table-camera.md §1.1, {@code PROMPT_DICT["prompt_input"]},
 * {@code SupervisedDataset}, {@code inference.py::tokenize_data}): builds the prompt of an example, cuts it
 * at {@code "[TAB] "} and {@code "\n\n### Response"} into the text before the table (instruction, question —
 * the question precedes the table), the table text and the response header, and encodes the three
 * parts into one {@link TokenStream} (text, {@link dev.posplan.multimodal.TableBlock}, text) with its token ids.
 */
public final class TableInstruct {

    /** Marker before the linearised table in {@code input_seg}. */
    public static final String TABLE_MARKER = "[TAB] ";
    /** Start of the text after the table. */
    public static final String RESPONSE_MARKER = "\n\n### Response";

    private TableInstruct() {
    }

    /** One TableInstruct example; {@code output} is the training target. */
    public record Example(String instruction, String question, String inputSeg, String output) {
        public Example {
            Objects.requireNonNull(instruction, "instruction");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(inputSeg, "inputSeg");
            Objects.requireNonNull(output, "output");
        }
    }

    /** The prompt: the reference's {@code prompt_input} template filled with the example. */
    public static String prompt(Example e) {
        return "Below is an instruction that describes a task, paired with an input that provides further context. "
                + "Write a response that appropriately completes the request.\n\n"
                + "### Instruction:\n" + e.instruction() + "\n\n### Question:\n" + e.question()
                + "\n\n### Input:\n" + e.inputSeg() + "\n\n### Response:";
    }

    /** The prompt cut around the table. */
    public record Split(String beforeTable, String table, String afterTable) {
    }

    /**
     * Cuts a prompt as the reference's {@code re.split} does: {@code beforeTable} ends with
     * {@code "[TAB] "}, {@code afterTable} starts with {@code "\n\n### Response"}. Each marker must occur
     * exactly once, in that order (the reference would silently lose text otherwise).
     */
    public static Split split(String prompt) {
        int tab = once(prompt, TABLE_MARKER);
        int response = once(prompt, RESPONSE_MARKER);
        int tableStart = tab + TABLE_MARKER.length();
        if (response < tableStart) {
            throw InvalidInputException.of("'" + TABLE_MARKER.strip() + "' must come before the response header");
        }
        return new Split(prompt.substring(0, tableStart), prompt.substring(tableStart, response),
                prompt.substring(response));
    }

    private static int once(String s, String marker) {
        int at = s.indexOf(marker);
        String shown = marker.replace("\n", "\\n").strip();
        if (at < 0) {
            throw InvalidInputException.of("prompt has no '" + shown + "': 2D-TPE needs a table in input_seg");
        }
        if (s.indexOf(marker, at + 1) >= 0) {
            throw InvalidInputException.of("prompt has '" + shown + "' more than once");
        }
        return at;
    }

    /** An encoded example: its token ids and the sequence a planner reads. */
    public static final class Encoded {
        private final int[] inputIds;
        private final int[] labels;
        private final TableGrid table;
        private final TokenStream sequence;
        private final int prefixTokens;

        private Encoded(int[] inputIds, int[] labels, TableGrid table, int prefixTokens) {
            this.inputIds = inputIds;
            this.labels = labels;
            this.table = table;
            this.prefixTokens = prefixTokens;
            this.sequence = TokenStream.builder().text(prefixTokens).table(table)
                    .text(inputIds.length - prefixTokens - table.tokens()).build();
        }

        /** BOS, the text before the table, the grid, the text after it (training: + target + EOS). */
        public int[] inputIds() {
            return inputIds.clone();
        }

        /** Training labels ({@code -100} except the target's tokens and EOS); null for inference. */
        public int[] labels() {
            return labels == null ? null : labels.clone();
        }

        /** The serialised table. */
        public TableGrid table() {
            return table;
        }

        /** The runs a planner reads: prefix (BOS included), table, suffix. */
        public TokenStream sequence() {
            return sequence;
        }

        /** Tokens before the table, BOS included (P). */
        public int prefixTokens() {
            return prefixTokens;
        }

        /** Tokens after the table (S). */
        public int suffixTokens() {
            return inputIds.length - prefixTokens - table.tokens();
        }

        /** The last (up to) 4 ids before the table: start marker of the router-entropy window. */
        public int[] substart() {
            return Arrays.copyOfRange(inputIds, Math.max(0, prefixTokens - 4), prefixTokens);
        }

        /** The first (up to) 4 ids after the table: end marker of the window. */
        public int[] subend() {
            int from = prefixTokens + table.tokens();
            return Arrays.copyOfRange(inputIds, from, Math.min(inputIds.length, from + 4));
        }

        @Override
        public String toString() {
            return "Encoded[" + inputIds.length + " tokens, " + table + (labels != null ? ", training" : "") + "]";
        }
    }

    /**
     * Encodes an example as the reference does, calling the tokenizer in the reference's order (cells
     * row-major, the text before the table, the text after it, then the target alone for the labels).
     *
     * @param training with the target and EOS after the response header ({@code SupervisedDataset}), else
     *                 the prompt alone ({@code tokenize_data})
     * @throws NonRectangularTableException when the table's rows differ in length
     */
    public static Encoded encode(Example example, Tokenizer tokenizer, TableSeparators separators, boolean training) {
        Split split = split(prompt(example));
        TableGrid grid = TableGrid.serialise(LinearisedTable.parse(split.table()), tokenizer, separators);
        int[] before = tokenizer.encode(split.beforeTable());
        int[] after = training ? tokenizer.encode(split.afterTable() + example.output()) : tokenizer.encode(split.afterTable());
        int prefix = 1 + before.length;
        int suffix = after.length + (training ? 1 : 0);
        int[] ids = new int[prefix + grid.tokens() + suffix];
        ids[0] = tokenizer.bosTokenId();
        System.arraycopy(before, 0, ids, 1, before.length);
        System.arraycopy(grid.ids(), 0, ids, prefix, grid.tokens());
        System.arraycopy(after, 0, ids, prefix + grid.tokens(), after.length);
        int[] labels = null;
        if (training) {
            ids[ids.length - 1] = tokenizer.eosTokenId();
            // the target is encoded on its own for its length, as the reference does
            int target = Math.min(ids.length, tokenizer.encode(example.output()).length + 1);
            labels = new int[ids.length];
            Arrays.fill(labels, 0, ids.length - target, -100);
            System.arraycopy(ids, ids.length - target, labels, ids.length - target, target);
        }
        return new Encoded(ids, labels, grid, prefix);
    }
}
