package dev.posplan.conformance;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.table.LinearisedTable;
import dev.posplan.multimodal.table.NonRectangularTableException;
import dev.posplan.multimodal.table.Table;
import dev.posplan.multimodal.table.TableCell;
import dev.posplan.multimodal.table.TableGrid;
import dev.posplan.multimodal.table.TableInstruct;
import dev.posplan.multimodal.table.TableSeparators;
import dev.posplan.multimodal.table.WordLevelTokenizer;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.table.Tpe2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks a {@code tpe2d/} golden file (golden/README-table-camera.md) with exact integer comparisons:
 * the parsed table, the serialised grid's ids, the training and inference {@code input_ids}, labels,
 * {@code tx/ty/px/py}, their concatenations, substart/subend, the decode continuation, the derived sizes,
 * the column-pass gather order, the cos/sin cache length and the per-token grid annotations. Files the
 * reference rejects ({@code result}) must make posplan raise a {@link NonRectangularTableException}; the
 * collator file is checked batch-wise.
 *
 * <p>Every file is tokenised with a fresh {@link WordLevelTokenizer} in the generator's order (training
 * example, then inference; the collator's examples one after the other), since its ids depend on it.
 */
final class Tpe2dChecker implements FolderChecker {

    private static final TableSeparators SEPARATORS = TableSeparators.MINICPM;
    /** {@code config.pad_token_id} of the reference. */
    private static final int PAD_ID = 0;
    /** The collator's padding of substart/subend ({@code IGNORE_INDEX}). */
    private static final int IGNORE_INDEX = -100;

    private final Tpe2d scheme = (Tpe2d) SchemeRegistry.create("tpe2d");

    @Override
    public void check(JsonNode golden) {
        if (golden.has("inputs")) {
            collator(golden);
        } else if (golden.has("result")) {
            rejected(example(golden.get("input")), golden.get("result").asString());
        } else {
            accepted(golden);
        }
    }

    private static TableInstruct.Example example(JsonNode input) {
        return new TableInstruct.Example(input.get("instruction").asString(), input.get("question").asString(),
                input.get("input_seg").asString(), input.get("output").asString());
    }

    /** posplan rejects (with the row named) what the reference drops silently. */
    private static void rejected(TableInstruct.Example example, String result) {
        try {
            TableInstruct.encode(example, new WordLevelTokenizer(), SEPARATORS, true);
        } catch (NonRectangularTableException e) {
            if (e.row() < 1 || !e.getMessage().contains("row " + e.row())) {
                throw new Mismatch("rejection does not name the offending row: " + e.getMessage());
            }
            return;
        }
        throw new Mismatch("expected a non-rectangular table error (reference: " + result + "), posplan accepted it");
    }

    private void accepted(JsonNode golden) {
        TableInstruct.Example example = example(golden.get("input"));
        WordLevelTokenizer tokenizer = new WordLevelTokenizer();
        TableInstruct.Encoded train = TableInstruct.encode(example, tokenizer, SEPARATORS, true);
        TableInstruct.Encoded infer = TableInstruct.encode(example, tokenizer, SEPARATORS, false);

        table(golden.get("table_array"), LinearisedTable.parse(
                TableInstruct.split(TableInstruct.prompt(example)).table()));
        grid(golden.get("new_table_token_ids"), train.table());

        JsonNode t = golden.get("train");
        PositionPlan trainPlan = scheme.plan(train.sequence());
        Expect.ints("train.input_ids", t.get("input_ids"), train.inputIds());
        Expect.ints("train.labels", t.get("labels"), train.labels());
        axes("train", t, trainPlan);
        Expect.ints("train.token_ids_concat", t.get("token_ids_concat"), Tpe2d.tokenIds(trainPlan));
        Expect.ints("train.position_ids_concat", t.get("position_ids_concat"), Tpe2d.positionIds(trainPlan));
        Expect.ints("train.substart", t.get("substart"), train.substart());
        Expect.ints("train.subend", t.get("subend"), train.subend());

        JsonNode i = golden.get("infer");
        PositionPlan inferPlan = scheme.plan(infer.sequence());
        Expect.ints("infer.input_ids", i.get("input_ids"), infer.inputIds());
        axes("infer", i, inferPlan);
        decode(i.get("decode_next_3_hand_rule"), inferPlan);

        derived(golden.get("derived"), train, trainPlan);
    }

    private static void table(JsonNode expected, Table actual) {
        Expect.scalar("table rows", expected.size(), actual.rows());
        for (int r = 0; r < actual.rows(); r++) {
            JsonNode row = expected.get(r);
            Expect.scalar("table row " + r + " cells", row.size(), actual.columns());
            for (int c = 0; c < actual.columns(); c++) {
                String text = ((TableCell.Text) actual.cell(r, c)).text();
                if (!row.get(c).asString().equals(text)) {
                    throw new Mismatch("table cell (" + r + ", " + c + "): expected '" + row.get(c).asString()
                            + "', actual '" + text + "'");
                }
            }
        }
    }

    private static void grid(JsonNode expected, TableGrid grid) {
        Expect.scalar("grid rows", expected.size(), grid.gridRows());
        for (int i = 0; i < grid.gridRows(); i++) {
            Expect.scalar("grid row " + i + " items", expected.get(i).size(), grid.gridColumns());
            for (int j = 0; j < grid.gridColumns(); j++) {
                Expect.ints("grid item (" + i + ", " + j + ")", expected.get(i).get(j), grid.itemIds(i, j));
            }
        }
    }

    private static void axes(String what, JsonNode expected, PositionPlan plan) {
        for (int a = 0; a < Tpe2d.AXES.size(); a++) {
            String name = Tpe2d.AXES.get(a);
            Expect.ints(what + "." + name, expected.get(name), axis(plan, a));
        }
    }

    private static int[] axis(PositionPlan plan, int a) {
        int n = plan.length();
        return ((PositionPlan.Int32) plan).axisValues(a);
    }

    private static void decode(JsonNode steps, PositionPlan plan) {
        for (int k = 0; k < steps.size(); k++) {
            for (int a = 0; a < Tpe2d.AXES.size(); a++) {
                String name = Tpe2d.AXES.get(a);
                Expect.scalar("decode step " + k + " " + name, steps.get(k).get(name).asInt(), plan.decodePosition(a, k));
            }
        }
    }

    private static void derived(JsonNode d, TableInstruct.Encoded train, PositionPlan plan) {
        TableGrid grid = train.table();
        Expect.scalar("P_prefix_len_incl_bos", d.get("P_prefix_len_incl_bos").asInt(), train.prefixTokens());
        Expect.scalar("T_table_tokens", d.get("T_table_tokens").asInt(), grid.tokens());
        Expect.scalar("S_suffix_len_train", d.get("S_suffix_len_train").asInt(), train.suffixTokens());
        Expect.scalar("grid_rows_2R", d.get("grid_rows_2R").asInt(), grid.gridRows());
        Expect.scalar("grid_cols_2C_plus_1", d.get("grid_cols_2C_plus_1").asInt(), grid.gridColumns());
        Expect.ints("col_major_order_token_col", d.get("col_major_order_token_col"), Tpe2d.columnOrder(plan));
        Expect.scalar("rope_cache_len_used_by_model", d.get("rope_cache_len_used_by_model").asInt(),
                plan.maxPosition() + 1);
        perToken(d.get("per_token"), train);
    }

    /** The debug annotations of §1.4: kind, grid row/column, token within the item, table row/column. */
    private static void perToken(JsonNode expected, TableInstruct.Encoded train) {
        TableGrid grid = train.table();
        int p = train.prefixTokens();
        Expect.scalar("per_token length", expected.size(), train.inputIds().length);
        for (int n = 0; n < expected.size(); n++) {
            JsonNode e = expected.get(n);
            String where = "per_token[" + n + "]";
            if (n < p || n >= p + grid.tokens()) {
                kind(where, e, n < p ? "prefix" : "suffix");
            }
        }
        for (int i = 0; i < grid.gridRows(); i++) {
            for (int j = 0; j < grid.gridColumns(); j++) {
                TableGrid.ItemKind kind = grid.kind(i, j);
                for (int k = 0; k < grid.itemTokens(i, j); k++) {
                    int n = p + grid.itemOffset(i, j) + k;
                    JsonNode e = expected.get(n);
                    String where = "per_token[" + n + "]";
                    kind(where, e, label(kind));
                    Expect.scalar(where + ".grid_row", e.get("grid_row").asInt(), i);
                    Expect.scalar(where + ".grid_col", e.get("grid_col").asInt(), j);
                    Expect.scalar(where + ".tok_in_item", e.get("tok_in_item").asInt(), k);
                    if (kind == TableGrid.ItemKind.CELL) {
                        Expect.scalar(where + ".table_row", e.get("table_row").asInt(), i / 2);
                        Expect.scalar(where + ".table_col", e.get("table_col").asInt(), j / 2);
                    }
                }
            }
        }
    }

    private static void kind(String where, JsonNode e, String expectedKind) {
        if (!e.get("kind").asString().equals(expectedKind)) {
            throw new Mismatch(where + ".kind: expected " + e.get("kind").asString() + ", actual " + expectedKind);
        }
    }

    private static String label(TableGrid.ItemKind kind) {
        return switch (kind) {
            case CELL -> "cell";
            case COLUMN_SEPARATOR -> "col_sep(|)";
            case ROW_END -> "row_end(<SEP>)";
            case ROW_SEPARATOR -> "row_sep(-)";
            case LAST_ROW_SEPARATOR -> "row_sep(<CLS>)";
        };
    }

    /** {@code DataCollatorForSupervisedDataset} over training examples encoded with one tokenizer. */
    private void collator(JsonNode golden) {
        WordLevelTokenizer tokenizer = new WordLevelTokenizer();
        List<TableInstruct.Encoded> encoded = new ArrayList<>();
        List<TokenStream> rows = new ArrayList<>();
        int length = 0;
        for (JsonNode input : golden.get("inputs").values()) {
            TableInstruct.Encoded e = TableInstruct.encode(example(input), tokenizer, SEPARATORS, true);
            encoded.add(e);
            rows.add(e.sequence());
            length = Math.max(length, e.inputIds().length);
        }
        Expect.scalar("batch size", golden.get("input_ids").size(), encoded.size());
        BatchPlan batch = new BatchPlanner(scheme).plan(rows);   // right-padded, as the collator pads
        for (int b = 0; b < encoded.size(); b++) {
            String row = "[" + b + "]";
            int[] ids = encoded.get(b).inputIds();
            int[] padded = Arrays.copyOf(ids, length);
            Arrays.fill(padded, ids.length, length, PAD_ID);
            int[] mask = new int[length];
            Arrays.fill(mask, 0, ids.length, 1);
            PositionPlan plan = batch.row(b);
            Expect.ints("input_ids" + row, golden.get("input_ids").get(b), padded);
            Expect.ints("attention_mask" + row, golden.get("attention_mask").get(b), mask);
            Expect.ints("token_ids" + row, golden.get("token_ids").get(b), Tpe2d.tokenIds(plan));
            Expect.ints("position_ids" + row, golden.get("position_ids").get(b), Tpe2d.positionIds(plan));
            Expect.ints("substart" + row, golden.get("substart").get(b), padMarker(encoded.get(b).substart()));
            Expect.ints("subend" + row, golden.get("subend").get(b), padMarker(encoded.get(b).subend()));
        }
    }

    private static int[] padMarker(int[] marker) {
        int[] out = Arrays.copyOf(marker, 4);
        Arrays.fill(out, marker.length, 4, IGNORE_INDEX);
        return out;
    }
}
