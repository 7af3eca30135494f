package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a model name in a request stands for, whatever its family: the scheme with the checkpoint's parameters,
 * the host format its processor writes and its context length. {@link ModelPreset} (Qwen-VL) and
 * {@link InternVlPreset} (InternVL2) and {@link FamilyPreset} (GLM, ERNIE, Ming, Qwen-Omni) are the families.
 */
public interface VisionModel {

    /** Stable name used in the API. */
    String apiName();

    /** Registry name of the position scheme the family uses. */
    String scheme();

    /** The parameters of {@link #scheme()} that encode this checkpoint's configuration. */
    Map<String, Object> schemeParams();

    /** The host format that writes prompt parts the way this family's processor does. */
    HostFormat hostFormat();

    /** Context length of the checkpoint. */
    int maxPositionEmbeddings();

    /** Every model a request may name: the Qwen-VL presets, InternVL2, then the {@link FamilyPreset}s. */
    static List<VisionModel> all() {
        List<VisionModel> all = new ArrayList<>(ModelPreset.all());
        all.add(InternVlPreset.INTERNVL2);
        all.addAll(FamilyPreset.all());
        return List.copyOf(all);
    }

    /** Looks a model up by its API name. */
    static VisionModel byName(String name) {
        for (VisionModel m : all()) {
            if (m.apiName().equals(name)) {
                return m;
            }
        }
        throw InvalidInputException.of("unknown model '" + name + "'; known: "
                + all().stream().map(VisionModel::apiName).toList());
    }
}
