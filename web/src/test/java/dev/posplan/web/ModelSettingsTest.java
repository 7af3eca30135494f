package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posplan.multimodal.text.ModelTokenizers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings named by {@link ModelTokenizers#property} bind to the model they name, dotted names included. */
class ModelSettingsTest {

    @Test
    void bindsTokenizerDirectoriesByModelName() {
        Map<String, String> props = Map.of(
                ModelTokenizers.property("qwen2-vl"), "/a",
                ModelTokenizers.property("qwen2.5-vl"), "/b",
                ModelTokenizers.property("qwen3-vl"), "");
        ModelSettings s = new Binder(new MapConfigurationPropertySource(props)).bind("posplan", ModelSettings.class).get();
        assertEquals("/a", s.models().get("qwen2-vl").tokenizer());
        assertEquals("/b", s.models().get("qwen2.5-vl").tokenizer());
        assertEquals(3, s.models().size());
    }
}
