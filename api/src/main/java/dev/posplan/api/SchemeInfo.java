package dev.posplan.api;

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
        @JsonPropertyDescription("Its typed parameters.") List<ParameterInfo> parameters) {

    /** Reference code: repository, file and commit. */
    public record Reference(String repo, String path, String commit) {
    }
}
