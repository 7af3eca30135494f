package dev.posplan.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/schemes.md keeps up with the registry: every scheme has a row, and its defaults column names every
 * parameter the scheme reads (its effective parameters with defaults applied), except
 * {@code partial_rotary_factor}, which the text above the table covers once for all.
 */
class SchemesDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\|");
    private static final Pattern AS = Pattern.compile("\\bas `([a-z0-9.-]+)`");
    /** Cells are separated by pipes that are not escaped. */
    private static final Pattern CELL = Pattern.compile("(?<!\\\\)\\|");
    private static final int DEFAULTS_CELL = 6;

    @Test
    void everySchemeRowNamesEveryParameterItReads() throws IOException {
        Map<String, String> defaults = defaultsCells();
        Map<String, TreeSet<String>> missing = new LinkedHashMap<>();
        for (SchemeDeclaration f : SchemeRegistry.all()) {
            String cell = defaults.get(f.name());
            assertNotNull(cell, "docs/schemes.md has no row for " + f.name());
            // "as `other`" also counts the other row's defaults
            Matcher as = AS.matcher(cell);
            while (as.find()) {
                cell += " " + defaults.getOrDefault(as.group(1), "");
            }
            for (String param : SchemeRegistry.create(f.name()).parameters().keySet()) {
                if (!param.equals("partial_rotary_factor")
                        && !Pattern.compile("(?<![a-z_])" + param + "(?![a-z_])").matcher(cell).find()) {
                    missing.computeIfAbsent(f.name(), k -> new TreeSet<>()).add(param);
                }
            }
        }
        assertEquals(Map.of(), missing, "parameters missing from the defaults column of docs/schemes.md");
    }

    /** Scheme name → defaults cell of the main table (rows before the first section after it). */
    private static Map<String, String> defaultsCells() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(docs().resolve("schemes.md"));
        for (String line : lines) {
            if (line.startsWith("## ")) {
                break;
            }
            if (ROW.matcher(line).find()) {
                String[] cells = CELL.split(line);
                out.put(ROW.matcher(line).results().findFirst().orElseThrow().group(1), cells[DEFAULTS_CELL]);
            }
        }
        return out;
    }

    private static Path docs() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("docs").resolve("schemes.md"))) {
                return d.resolve("docs");
            }
        }
        throw new IllegalStateException("docs/schemes.md not found above " + Path.of("").toAbsolutePath());
    }
}
