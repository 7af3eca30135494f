package dev.posplan.multimodal;

import dev.posplan.multimodal.processor.FamilyImageProcessor;
import dev.posplan.multimodal.processor.OmniModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A released checkpoint of one of the families beyond Qwen-VL and InternVL (GLM-4.1V/4.5V, ERNIE-4.5-VL,
 * Ming, Qwen2.5-Omni, Qwen3-Omni): its scheme with the checkpoint's parameters, host format, token ids, image
 * processor, audio length formula and how its reference finds blocks in {@code input_ids}. Constants and
 * their sources: docs/models.md.
 *
 * @param apiName               stable name used in the API
 * @param referenceCheckpoint   checkpoint the constants describe
 * @param scheme                registry name of the position scheme
 * @param schemeParams          the scheme parameters of the checkpoint
 * @param hostFormat            how its processor writes parts as tokens
 * @param maxPositionEmbeddings context length
 * @param tokenIds              the special token ids, by the config's names
 * @param images                the image processor
 * @param audio                 the audio length formula, or null for a model without audio
 * @param ids                   block detection in {@code input_ids}
 * @param notes                 what of the model posplan does not serve or did not verify
 */
public record FamilyPreset(String apiName, String referenceCheckpoint, String scheme,
        Map<String, Object> schemeParams, HostFormat hostFormat, int maxPositionEmbeddings,
        Map<String, Integer> tokenIds, FamilyImageProcessor images, OmniModel audio, FamilyIds ids, String notes)
        implements VisionModel {

    public FamilyPreset {
        Objects.requireNonNull(apiName, "apiName");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(hostFormat, "hostFormat");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(ids, "ids");
        schemeParams = Collections.unmodifiableMap(new LinkedHashMap<>(schemeParams));
        tokenIds = Collections.unmodifiableMap(new LinkedHashMap<>(tokenIds));
    }

    /** The id of the token the config calls {@code name}. */
    public int tokenId(String name) {
        Integer id = tokenIds.get(name);
        if (id == null) {
            throw new IllegalStateException(apiName + " has no token id " + name);
        }
        return id;
    }

    @Override
    public Map<String, Object> schemeParams() {
        return schemeParams;
    }

    /** The family presets, in catalogue order. */
    public static List<FamilyPreset> all() {
        return FamilyPresets.ALL;
    }

    /** The first preset of a scheme and host format, for input_ids requests that name no model; or null. */
    public static FamilyPreset forScheme(String scheme, HostFormat format) {
        for (FamilyPreset p : FamilyPresets.ALL) {
            if (p.scheme.equals(scheme) && p.hostFormat.apiName().equals(format.apiName())) {
                return p;
            }
        }
        for (FamilyPreset p : FamilyPresets.ALL) {
            if (p.scheme.equals(scheme)) {
                return p;
            }
        }
        return null;
    }
}
