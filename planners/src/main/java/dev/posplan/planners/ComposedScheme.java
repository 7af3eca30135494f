package dev.posplan.planners;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.design.PositionDesign;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A scheme made of a position design and a frequency allocation, with the parameters that built it.
 * Every composed scheme is a sequence or vision scheme: none positions tables, so a stream with a
 * {@link dev.posplan.multimodal.TableBlock} is rejected naming the scheme (tables need {@code tpe2d}).
 */
public record ComposedScheme(String name, PositionDesign design, FrequencyAllocation frequencies,
        Map<String, Object> parameters) implements Scheme {

    public ComposedScheme {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(frequencies, "frequencies");
        // the order they were resolved in, the same on every JVM start (Map.copyOf randomises it per JVM)
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    @Override
    public PositionPlan plan(TokenStream stream) {
        rejectTables(stream);
        return design.plan(stream);
    }

    @Override
    public List<PositionPlan> planBatch(List<TokenStream> rows) {
        rows.forEach(this::rejectTables);
        return design.planBatch(rows);
    }

    @Override
    public OnDemand onDemand() {
        return design.onDemand();
    }

    @Override
    public RowFacts planInto(TokenStream stream, PositionBuffer out) {
        rejectTables(stream);
        return design.planInto(stream, out);
    }

    @Override
    public List<RowFacts> planBatchInto(List<TokenStream> rows, List<PositionBuffer> outs) {
        rows.forEach(this::rejectTables);
        return design.planBatchInto(rows, outs);
    }

    @Override
    public PositionBlocks planBlocks(TokenStream stream) {
        rejectTables(stream);
        try {
            return design.planBlocks(stream);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException("scheme '" + name + "' has no block form: " + e.getMessage(), e);
        }
    }

    @Override
    public List<PositionBlocks> planBatchBlocks(List<TokenStream> rows) {
        rows.forEach(this::rejectTables);
        try {
            return design.planBatchBlocks(rows);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException("scheme '" + name + "' has no block form: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<PlanShape> shape(List<TokenStream> rows) {
        return design.shape(rows);
    }

    private void rejectTables(TokenStream stream) {
        if (stream.hasTable()) {
            throw InvalidInputException.of("scheme '" + name + "' cannot plan a table block; "
                    + "use scheme 'tpe2d' for tables");
        }
    }
}
