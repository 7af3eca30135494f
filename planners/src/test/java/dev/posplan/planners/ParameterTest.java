package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.compat.QwenCompat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ParameterTest {

    private static final Parameter<Double> STRIDE = Parameter.number("temporal_stride", 1.0,
            Parameter.Allowed.above(0), "step");

    @Property
    void aNumberIsAcceptedExactlyWhenItIsInTheDeclaredRange(@ForAll @DoubleRange(min = -10, max = 10) double v) {
        if (v > 0) {
            assertEquals(v, STRIDE.read(v));
        } else {
            SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                    () -> STRIDE.read(v));
            assertEquals("temporal_stride", e.parameter());
            assertTrue(e.getMessage().contains("> 0"), e.getMessage());
        }
    }

    @Test
    void absentAndNullTakeTheDefaultAndTheEffectiveMapShowsWireValues() {
        Parameter<QwenCompat> compat = Parameter.choice("compat", QwenCompat.class, QwenCompat.HF_4_51, "mode");
        SchemeParams p = new SchemeParams(new java.util.HashMap<>(Map.of("compat", "vllm")));
        assertEquals(QwenCompat.VLLM, p.get(compat));
        assertEquals("vllm", p.effective().get("compat"));
        assertEquals(QwenCompat.HF_4_51, compat.read(null));
        assertEquals("hf-4.51", compat.defaultValue());
        assertEquals(List.of("hf-4.51", "hf-4.57", "hf-main", "vllm"), compat.allowed().values());
        SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> compat.read("hf-4.99"));
        assertTrue(e.getMessage().contains("vllm"), e.getMessage());
    }

    @Test
    void listDefaultsAreCopies() {
        Parameter<int[]> section = Parameter.integers("mrope_section", new int[] {16, 24, 24},
                Parameter.Allowed.atLeast(0), "pairs");
        int[] first = section.read(null);
        first[0] = 99;
        assertArrayEquals(new int[] {16, 24, 24}, section.read(null));
        assertEquals(List.of(16, 24, 24), section.defaultValue());
        assertThrows(SchemeParams.InvalidParameterException.class, () -> section.read(List.of(1, -1, 2)));
    }

    /** Every registered scheme builds with its declared defaults, and accepts exactly its declared names. */
    @Test
    void everyDeclarationBuildsItsSchemeAndRejectsUndeclaredNames() {
        Set<String> names = new HashSet<>();
        for (SchemeDeclaration d : SchemeRegistry.all()) {
            assertTrue(names.add(d.name()), d.name());
            Scheme s = SchemeRegistry.create(d.name());
            assertEquals(d.name(), s.name());
            for (String parameter : s.parameters().keySet()) {
                assertNotNull(d.parameter(parameter), d.name() + " reads undeclared " + parameter);
            }
            SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                    () -> SchemeRegistry.create(d.name(), SchemeParams.of("no_such_parameter", 1)));
            assertEquals("no_such_parameter", e.parameter());
            for (String format : d.formats()) {
                assertNotNull(dev.posplan.multimodal.HostFormats.byName(format), d.name());
            }
        }
    }

    /** A model preset names its scheme and host format; the scheme's declaration must read that format. */
    @Test
    void everyPresetsHostFormatIsOneItsSchemeDeclares() {
        for (dev.posplan.multimodal.VisionModel preset : dev.posplan.multimodal.VisionModel.all()) {
            SchemeDeclaration d = SchemeRegistry.declaration(preset.scheme());
            assertTrue(d.formats().contains(preset.hostFormat().apiName()), preset.apiName());
            SchemeRegistry.create(preset.scheme(), new SchemeParams(preset.schemeParams()));
        }
    }
}
