package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * One encoding posplan has, as its scheme declares it: what it is, where it comes from, what it reads and
 * writes, and its typed parameters — the same declarations that validate requests.
 *
 * @param name       registry name used in requests
 * @param summary    one line: what the encoding is
 * @param paper      the paper it comes from
 * @param reference  the reference code posplan is bit-exact to
 * @param axes       position axes of its plans (empty for an encoding with outputs only)
 * @param dtype      element type of its positions with the default parameters
 * @param formats    host formats whose streams it reads, the reference's first
 * @param parts      prompt part types it plans
 * @param outputs    tensors its plans carry besides positions
 * @param parameters its typed parameters
 * @param onDemand   what it answers without materialising a whole row, with the default parameters
 */
public record SchemeInfo(
        @JsonPropertyDescription("Registry name used in requests.") String name,
        @JsonPropertyDescription("What the encoding is, in one line.") String summary,
        @JsonPropertyDescription("The paper it comes from.") String paper,
        @JsonPropertyDescription("The reference code posplan is bit-exact to.") Reference reference,
        @JsonPropertyDescription("Position axes of its plans; empty for an encoding with outputs only.")
        List<String> axes,
        @JsonPropertyDescription("int32 or float32: the positions' type with the default parameters.") String dtype,
        @JsonPropertyDescription("Host formats whose token streams it reads, the reference's first.")
        List<String> formats,
        @JsonPropertyDescription("Prompt part types it plans (text, image, video, table, camera).") List<String> parts,
        @JsonPropertyDescription("Names of the tensors its plans carry besides positions.") List<String> outputs,
        @JsonPropertyDescription("Its typed parameters.") List<ParameterInfo> parameters,
        @JsonProperty("on_demand")
        @JsonPropertyDescription("What it answers without materialising a whole row (slices, blocks), with the "
                + "default parameters.") OnDemand onDemand) {

    /**
     * Positions on demand (docs/on-demand.md).
     *
     * @param slicing {@code direct} (a window costs its size plus the blocks' tables), {@code plan-and-slice}
     *                (the whole row is planned, the window copied) or {@code none} (no position ids)
     * @param blocks  whether rows have the compact form of runs and per-axis tables
     * @param note    why it falls back or has no blocks; empty when it does both
     */
    public record OnDemand(
            @JsonPropertyDescription("direct, plan-and-slice or none (no position ids).") String slicing,
            @JsonPropertyDescription("Whether rows have the compact form of runs and per-axis tables.") boolean blocks,
            @JsonPropertyDescription("Why it falls back or has no blocks; empty when it does both.") String note) {
    }

    /** Reference code: repository, file and commit. */
    public record Reference(String repo, String path, String commit) {
    }
}
