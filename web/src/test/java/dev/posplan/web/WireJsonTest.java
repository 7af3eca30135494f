package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.posplan.api.FrequencyInfo;
import dev.posplan.api.PlanPart;
import dev.posplan.api.PlanRequest;
import dev.posplan.api.PositionValues;
import dev.posplan.api.TimestampTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The wire records read and write the JSON the README and the OpenAPI document promise. */
class WireJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void partsAreToldApartByTypeAndOptionalFieldsTakeDefaults() {
        PlanRequest r = JSON.readValue("""
                {"scheme": "mrope", "format": "qwen3-vl",
                 "parts": [{"type": "text", "tokens": 3}, {"type": "image", "grid": [1, 2, 3]},
                           {"type": "video", "grid": [2, 2, 2], "second_per_grid_t": 0.7, "timestamp_tokens": [5, 6]},
                           {"type": "video", "grid": [2, 2, 2], "timestamp_tokens": 4}]}""", PlanRequest.class);
        assertEquals(Map.of(), r.params());
        assertEquals(0, r.leftPadding());
        assertEquals(0, r.decodeSteps());
        assertEquals(new PlanPart.Text(3), r.parts().get(0));
        assertEquals(List.of(1, 2, 3), assertInstanceOf(PlanPart.Image.class, r.parts().get(1)).grid());
        PlanPart.Video listed = assertInstanceOf(PlanPart.Video.class, r.parts().get(2));
        assertEquals(0.7, listed.secondPerGridT());
        assertEquals(TimestampTokens.of(List.of(5, 6)), listed.timestampTokens());
        PlanPart.Video uniform = assertInstanceOf(PlanPart.Video.class, r.parts().get(3));
        assertNull(uniform.secondPerGridT());
        assertEquals(TimestampTokens.of(4), uniform.timestampTokens());
    }

    @Test
    void timestampTokensWriteBackAsTheyWereGiven() {
        assertEquals("[5,6]", JSON.writeValueAsString(TimestampTokens.of(List.of(5, 6))));
        assertEquals("4", JSON.writeValueAsString(TimestampTokens.of(4)));
        assertEquals("{\"type\":\"video\",\"grid\":[1,1,1],\"second_per_grid_t\":null,\"timestamp_tokens\":4}",
                JSON.writeValueAsString(new PlanPart.Video(List.of(1, 1, 1), null, TimestampTokens.of(4))));
    }

    @Test
    void positionsAreBareNestedArraysAndFrequenciesOmitTheAbsentAxisMap() {
        assertEquals("[[0,1],[2,3]]", JSON.writeValueAsString(new PositionValues.Ints(new int[][] {{0, 1}, {2, 3}})));
        assertEquals("[[0.5,1.0]]", JSON.writeValueAsString(new PositionValues.Floats(new float[][] {{0.5f, 1f}})));
        String f = JSON.writeValueAsString(new FrequencyInfo("chunked", 4, 4, 1e4, new float[] {1f, 0.01f},
                new int[] {0, 1}, null, "gptj"));
        assertEquals("{\"layout\":\"chunked\",\"headDim\":4,\"rotaryDim\":4,\"theta\":10000.0,\"invFreq\":[1.0,0.01],"
                + "\"pairAxis\":[0,1],\"pairing\":\"gptj\"}", f);
    }
}
