package dev.posplan.multimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostFormatsTest {

    @Test
    void everyFormatIsFoundByItsOwnApiName() {
        assertEquals(List.of("qwen2-vl", "qwen3-vl", "qwen3-vl-outer-wrap", "internvl2", "bare", "glm4v", "ernie45-vl",
                "bailing", "bailing-interleaved", "qwen2.5-omni", "qwen3-omni", "hunyuan-vl"),
                List.copyOf(HostFormats.names()));
        for (HostFormat f : HostFormats.all()) {
            assertSame(f, HostFormats.byName(f.apiName()));
        }
        assertSame(QwenFormats.QWEN3_VL, HostFormats.byName("qwen3-vl"));
        assertSame(InternVlFormat.INTERNVL2, HostFormats.byName("internvl2"));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        HostFormats.UnknownFormatException e = assertThrows(HostFormats.UnknownFormatException.class,
                () -> HostFormats.byName("qwen3vl"));
        assertTrue(e.getMessage().contains("'qwen3vl'") && e.getMessage().contains("qwen3-vl-outer-wrap"),
                e.getMessage());
        assertThrows(HostFormats.UnknownFormatException.class, () -> HostFormats.byName(null));
    }
}
