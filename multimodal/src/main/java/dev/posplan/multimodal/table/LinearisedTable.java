package dev.posplan.multimodal.table;

import dev.posplan.multimodal.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the linearised table text of TableInstruct examples (the text after {@code "[TAB] "}) into a
 * {@link Table} of text cells, with the three branches of the reference (table-camera.md §1.1,
 * {@code SupervisedDataset.__init__}):
 * <ol>
 *   <li>{@code col:} and {@code row 1:} (TURL): {@code col: | h1 | h2 | row 1: | a | b | [SEP] row 2: | … | [SEP]};</li>
 *   <li>{@code col:} only (FeTaQA, HiTab): rows split on {@code " [SEP] "}, the header's {@code col:} piece dropped;</li>
 *   <li>neither: rows split on {@code " [SEP] "}, the first row is the header.</li>
 * </ol>
 * Pieces are stripped of spaces and {@code '|'}; an empty piece becomes the cell {@code "None"}
 * (Python's {@code str(None)} spelling the reference writes). Python string semantics are kept exactly.
 */
public final class LinearisedTable {

    private LinearisedTable() {
    }

    /**
     * @throws NonRectangularTableException when rows differ in length (the reference drops the example)
     * @throws IllegalArgumentException     when the TURL form has {@code row 1:} but not {@code " row 1:"}
     */
    public static Table parse(String tableText) {
        boolean col = tableText.contains("col:");
        if (col && tableText.contains("row 1:")) {
            return turl(tableText);
        }
        List<String> rows = PyStrings.split(tableText, " [SEP] ");
        String first = rows.get(0);
        List<String> header = cleaned(PyStrings.split(first.endsWith("|") ? first : first + " |", " | "));
        if (col) {
            header = header.subList(1, header.size());   // the "col:" piece; empty stays empty
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        for (String row : rows.subList(1, rows.size())) {
            if (!row.isEmpty()) {
                cells.add(cleaned(PyStrings.split(row, " | ")));
            }
        }
        return Table.ofText(cells);
    }

    private static Table turl(String tableText) {
        List<String> halves = PyStrings.split(tableText, " row 1:", 1);
        if (halves.size() != 2) {
            throw InvalidInputException.of("table text has 'row 1:' without the space before it");
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(cleaned(PyStrings.split(PyStrings.strip(halves.get(0), "col: "), " | ")));
        for (String row : PyStrings.split("row 1:" + halves.get(1), " [SEP]")) {
            if (!row.isEmpty()) {
                List<String> pieces = PyStrings.split(PyStrings.strip(row), " | ");
                cells.add(cleaned(pieces.subList(1, pieces.size())));   // drops "row k:"
            }
        }
        return Table.ofText(cells);
    }

    private static List<String> cleaned(List<String> pieces) {
        List<String> out = new ArrayList<>(pieces.size());
        for (String p : pieces) {
            String s = PyStrings.strip(p, " |");
            out.add(s.isEmpty() ? "None" : s);
        }
        return out;
    }
}
