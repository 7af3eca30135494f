package dev.posplan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.ModelPreset;
import org.junit.jupiter.api.Test;

/** The models the Spark input_ids path plans: the Qwen-VL presets, and a clear refusal of other families. */
class PosplanLibraryTest {

    @Test
    void theQwenPresetsAreTheModels() {
        assertEquals(ModelPreset.all().stream().map(ModelPreset::apiName).toList(), PosplanLibrary.models());
        PosplanLibrary.requireModel("qwen2-vl");
    }

    @Test
    void internVl2IsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PosplanLibrary.requireModel("internvl2"));
        assertTrue(e.getMessage().contains("internvl2") && e.getMessage().contains("Qwen-VL"), e.getMessage());
    }
}
