package dev.posplan.web;

import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Completes {@code /v3/api-docs} for the {@code /v1} contract (specs/api-v1.md) where annotations cannot: the
 * answers written by hand (the streamed plan, its blocks form, the catalogue maps) get schemas naming every field,
 * the request fields get descriptions, and every endpoint gets examples. Additive: what the controllers
 * annotate stays as it is. The catalogue examples are built from the registry, so they cannot drift.
 */
@Component
class V1OpenApiDocument implements OpenApiCustomizer {

    private static final String JSON = "application/json";
    private static final String REF = "#/components/schemas/";
    private static final tools.jackson.databind.json.JsonMapper WRITER = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    static final String RANGE_REQUEST = """
            {"model": "qwen2-vl", "range": {"start": 2, "length": 4}, "sequences": [
              {"parts": [{"type": "text", "tokens": 2}, {"type": "image", "grid": [1, 2, 2]},
                         {"type": "text", "tokens": 3}]}]}""";

    static final String BLOCKS_REQUEST = """
            {"model": "qwen2-vl", "layout": "blocks", "sequences": [
              {"parts": [{"type": "text", "tokens": 2}, {"type": "image", "grid": [1, 2, 2]},
                         {"type": "text", "tokens": 1}]}]}""";

    /** The answer of {@link #BLOCKS_REQUEST} ({@code params} and {@code frequencies} cut short). */
    static final String BLOCKS_ANSWER = """
            {"model": "qwen2-vl", "scheme": "mrope", "format": "qwen2-vl", "params": {"compat": "hf-4.51"},
             "dtype": "int32", "axes": ["t", "h", "w"], "batch": 1, "length": 9, "layout": "blocks",
             "blocks": [[{"start": 0, "length": 2, "base": [0, 0, 0], "step": [1, 1, 1]},
                         {"start": 2, "length": 1, "base": [2, 2, 2], "step": [1, 1, 1]},
                         {"start": 3, "grid": [1, 2, 2], "t": [[3], [3], [3]], "h": [[0, 0], [0, 1], [0, 0]],
                          "w": [[0, 0], [0, 0], [0, 1]]},
                         {"start": 7, "length": 1, "base": [5, 5, 5], "step": [1, 1, 1]},
                         {"start": 8, "length": 1, "base": [6, 6, 6], "step": [1, 1, 1]}]],
             "rope_deltas": [-2],
             "sequences": [{"length": 9, "padding": 0, "max_position": 6,
                            "spans": [{"type": "image", "start": 3, "length": 4, "grid": [1, 2, 2]}],
                            "warnings": []}],
             "tensors": {},
             "frequencies": {"rule": "chunked", "head_dim": 128, "rotary_dim": 128, "rope_theta": 1000000.0,
                             "partial_rotary_factor": 1.0, "inv_freq": [1.0, 0.8058422], "pairing": "neox",
                             "pair_axis": [0, 0]}}""";

    static final String COMPARE_REQUEST = """
            {"model": "qwen2-vl", "sequences": [{"parts": [{"type": "text", "tokens": 2},
              {"type": "video", "grid": [4, 2, 2]}, {"type": "text", "tokens": 3}]}],
             "candidates": [{"params": {"compat": "vllm"}}, {"params": {"compat": "hf-main"}}]}""";

    /** The answer of {@link #COMPARE_REQUEST} ({@code params} cut short). */
    static final String COMPARE_ANSWER = """
            {"candidates": [{"scheme": "mrope", "params": {"compat": "vllm"}, "rope_deltas": [-12],
                             "max_positions": [10]},
                            {"scheme": "mrope", "params": {"compat": "hf-main"}, "rope_deltas": [-14],
                             "max_positions": [8]}],
             "pairs": [{"a": 0, "b": 1, "equal": false, "differing_tokens": 4,
                        "first_difference": {"row": 0, "token": 19, "axis": 0, "a": 7, "b": 5}}]}""";

    static final String FREQUENCIES_OF_A_MODEL = "{\"model\": \"qwen2-vl\"}";
    static final String FREQUENCIES_OF_A_SCHEME = """
            {"scheme": "mhrope", "params": {"head_dim": 64}}""";

    /** The qwen2-vl entry of {@code GET /v1/models}. */
    static final String MODEL = """
            {"name": "qwen2-vl", "format": "qwen2-vl", "scheme": "mrope",
             "params": {"head_dim": 128, "rope_theta": 1000000.0, "mrope_section": [16, 24, 24]},
             "reference_checkpoint": "Qwen/Qwen2-VL-7B-Instruct",
             "token_ids": {"image_pad": 151655, "video_pad": 151656, "vision_start": 151652, "vision_end": 151653},
             "processor": {"patch_size": 14, "merge_size": 2, "temporal_patch_size": 2, "min_pixels": 3136.0,
                           "max_pixels": 1.2845056E7, "fps": 2.0, "video_pipeline": "qwen-vl-utils-2"},
             "max_position_embeddings": 32768, "tokenizer_loaded": true}""";

    /** The scheme {@code GET /v1/schemes/{name}} shows as its example. */
    static final String EXAMPLE_SCHEME = "mrope";

    @Override
    public void customise(OpenAPI api) {
        schemas().forEach(api.getComponents()::addSchemas);
        describeRequests(api.getComponents().getSchemas());
        plans(api.getPaths().get("/v1/plans").getPost());
        answer(api.getPaths().get("/v1/models").getGet(), new ArraySchema().items(ref("ModelPreset")),
                Map.of("qwen2-vl", "[" + MODEL + "]"));
        answer(api.getPaths().get("/v1/schemes").getGet(), null, Map.of(EXAMPLE_SCHEME,
                written(List.of(SchemeCatalogue.info(SchemeRegistry.declaration(EXAMPLE_SCHEME))))));
        Operation scheme = api.getPaths().get("/v1/schemes/{name}").getGet();
        scheme.getParameters().get(0).example(EXAMPLE_SCHEME).description("Registry name (GET /v1/schemes)");
        answer(scheme, null, Map.of(EXAMPLE_SCHEME,
                written(SchemeCatalogue.info(SchemeRegistry.declaration(EXAMPLE_SCHEME)))));
        scheme.getResponses().addApiResponse("404", problem("No scheme of that name"));
        Operation frequencies = api.getPaths().get("/v1/frequencies").getPost();
        requestExamples(frequencies, Map.of("model", FREQUENCIES_OF_A_MODEL, "scheme", FREQUENCIES_OF_A_SCHEME));
        answer(frequencies, ref("Frequencies"), Map.of("scheme", written(V1PlanAnswer.frequencies(
                SchemeRegistry.create("mhrope", new SchemeParams(Map.of("head_dim", 64))).frequencies()))));
        frequencies.getResponses().addApiResponse("422", problem("Unknown model or scheme, invalid parameter"));
        Operation compare = api.getPaths().get("/v1/compare").getPost();
        requestExamples(compare, Map.of("vllm-vs-hf-main", COMPARE_REQUEST));
        answer(compare, ref("CompareAnswer"), Map.of("vllm-vs-hf-main", COMPARE_ANSWER));
        compare.getResponses().addApiResponse("422", problem("A request /v1/plans would refuse, or fewer than two "
                + "candidates; field is a JSON Pointer (/candidates/1/params/compat)"));
    }

    private static void plans(Operation post) {
        requestExamples(post, Map.of("range", RANGE_REQUEST, "blocks", BLOCKS_REQUEST));
        MediaType json = post.getResponses().get("200").getContent().get(JSON);
        json.schema(ref("PlanAnswer")).addExamples("blocks", example("layout: blocks", BLOCKS_ANSWER));
        post.getParameters().stream().filter(p -> p.getName().equals("format")).forEach(p -> p.example("safetensors"));
    }

    private static void requestExamples(Operation op, Map<String, String> examples) {
        MediaType json = op.getRequestBody().getContent().get(JSON);
        examples.forEach((name, body) -> json.addExamples(name, example(name, body)));
    }

    /** Sets the 200 answer's schema (unless null) and adds examples. */
    private static void answer(Operation op, Schema<?> schema, Map<String, String> examples) {
        MediaType json = op.getResponses().get("200").getContent().get(JSON);
        if (schema != null) {
            json.schema(schema);
        }
        examples.forEach((name, body) -> json.addExamples(name, example(name, body)));
    }

    /** An answer as the service writes it (Jackson 3, nulls kept), for an example built from the registry. */
    private static String written(Object answer) {
        return WRITER.writeValueAsString(answer);
    }

    private static Example example(String summary, String json) {
        try {
            return new Example().summary(summary).value(Json.mapper().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("example " + summary + " is not JSON", e);
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(ref("V1Problem"))));
    }

    // ------------------------------------------------------------------------------------------------
    // schemas of the answers written by hand

    private static Map<String, Schema> schemas() {
        Map<String, Schema> s = new LinkedHashMap<>();
        s.put("Range", object("Token slots [start, start + length) of every padded row.",
                "start", integer("First slot."), "length", integer("Number of slots.")));
        s.put("Span", object("Where a visual block or table sits in a row.",
                "type", string("image, video, table or audio"), "start", integer("First token of the block."),
                "length", integer("Its tokens."), "grid", ints("Its merged grid [t, h, w].")));
        s.put("SequenceAnswer", object("One row of the answer.",
                "length", integer("Real tokens of the row."), "padding", integer("Pad slots of the row."),
                "max_position", number("Its largest position."),
                "spans", new ArraySchema().items(ref("Span")).description("Its visual blocks and tables."),
                "input_ids", ints("The ids its parts or messages became (return_input_ids)."),
                "warnings", new ArraySchema().items(new StringSchema())
                        .description("e.g. positions beyond the model's max_position_embeddings.")));
        s.put("OutputTensor", object("A scheme output other than positions, stacked over the batch.",
                "dtype", string("float32 or int32"), "shape", ints("[B, ...]"),
                "data", new ArraySchema().items(new Schema<>()).description("Nested arrays of that shape.")));
        s.put("Frequencies", object("The frequency allocation: which axis each rotary pair (or KV head) reads.",
                "rule", string("The allocation rule, e.g. chunked or interleaved."),
                "head_dim", integer("Head dimension."), "rotary_dim", integer("Rotated dimensions (0: none)."),
                "rope_theta", number("Base of the frequencies."),
                "partial_rotary_factor", number("rotary_dim / head_dim."),
                "inv_freq", new ArraySchema().items(new NumberSchema()).description("float32, bit-exact."),
                "pairing", string("neox (rotate_half) or gptj (channels 2j, 2j+1)."),
                "pair_axis", ints("The position axis of every rotary pair."),
                "kv_head_axis", ints("The position axis of every KV head (head-wise schemes), instead of pair_axis.")));
        s.put("TextRun", object("Tokens whose position on axis a is base[a] + i * step[a].",
                "start", integer("First token."), "length", integer("Tokens."),
                "base", numbers("Per axis."), "step", numbers("Per axis.")));
        s.put("VisualBlock", object("A block whose position on axis a at cell (i_t, i_h, i_w) is "
                        + "t[a][i_t] + h[a][i_h] + w[a][i_w].",
                "start", integer("First token."), "grid", ints("[t, h, w]."),
                "t", table("[axes][grid t]"), "h", table("[axes][grid h]"), "w", table("[axes][grid w]")));
        s.put("PlanAnswer", object("The plan of a batch (application/json).",
                "model", string("The model preset, or null."), "scheme", string("Registry name."),
                "format", string("Host format."), "params", new ObjectSchema().description("Every parameter, resolved."),
                "dtype", string("int32, int64 or float32."),
                "axes", new ArraySchema().items(new StringSchema()).description("Axis names, e.g. [t, h, w]."),
                "batch", integer("Rows."), "length", integer("Padded length of every row."),
                "range", ref("Range"), "layout", string("dense or blocks."),
                "blocks", new ArraySchema().items(new ArraySchema().items(new Schema<>()
                        .oneOf(List.of(ref("TextRun"), ref("VisualBlock")))))
                        .description("layout: blocks — each padded row as text runs and visual blocks."),
                "position_ids", nested(3, "[axes][B][n] (layout: dense)."),
                "rope_deltas", numbers("[B], in the compatibility mode's semantics."),
                "decode_position_ids", nested(3, "[axes][B][decode_steps], when asked."),
                "sequences", new ArraySchema().items(ref("SequenceAnswer")),
                "tensors", new MapSchema().additionalProperties(ref("OutputTensor"))
                        .description("Scheme outputs other than positions (camera rays, projections, GTA reps)."),
                "frequencies", ref("Frequencies")));
        s.put("ModelPreset", object("A model preset: everything a request naming it needs.",
                "name", string("The name requests give as model."), "format", string("Host format."),
                "scheme", string("Registry name."), "params", new ObjectSchema().description("Scheme parameters."),
                "reference_checkpoint", string("The checkpoint whose configuration it mirrors."),
                "token_ids", new MapSchema().additionalProperties(new IntegerSchema()).description("Special token ids."),
                "processor", object("Processor settings (Qwen-VL: patches and pixels; InternVL: tiles).",
                        "patch_size", integer(""), "merge_size", integer(""), "temporal_patch_size", integer(""),
                        "min_pixels", number(""), "max_pixels", number(""), "fps", number(""),
                        "video_pipeline", string(""), "tile_size", integer(""), "tokens_per_tile", integer(""),
                        "min_tiles", integer(""), "max_tiles", integer(""), "thumbnail", new BooleanSchema()),
                "max_position_embeddings", integer("Context length; positions beyond it are warned about."),
                "tokenizer_loaded", new BooleanSchema().description("Whether text may be given as strings.")));
        s.put("CompareAnswer", object("Where candidate schemes disagree on one request.",
                "candidates", new ArraySchema().items(object("One candidate's plan in brief.",
                        "scheme", string(""), "params", new ObjectSchema(), "rope_deltas", numbers("[B]"),
                        "max_positions", numbers("[B]"))),
                "pairs", new ArraySchema().items(object("Two candidates compared.",
                        "a", integer("Candidate index."), "b", integer("Candidate index."),
                        "equal", new BooleanSchema(), "differing_tokens", integer("Slots that differ on any axis."),
                        "first_difference", object("The first differing slot, or null.",
                                "row", integer(""), "token", integer(""), "axis", integer(""), "a", number(""),
                                "b", number("")),
                        "reason", string("Why no slot corresponds (different shapes), when so.")))));
        s.put("V1Problem", object("RFC 9457 problem; field is a JSON Pointer into the request.",
                "type", string(""), "title", string(""), "status", integer(""), "detail", string(""),
                "instance", string(""), "field", string("JSON Pointer, e.g. /sequences/0/parts/2/grid.")));
        s.put("ChatContent", new Schema<>().oneOf(List.of(new StringSchema(), new ArraySchema().items(object(
                "A typed part of a message.", "type", string("text, image or video"), "text", string(""),
                "width", integer(""), "height", integer(""), "frames", integer(""), "fps", number("")))))
                .description("A string, or a list of text, image (width, height) and video (frames, fps, width, "
                        + "height) parts."));
        return s;
    }

    /** Request field descriptions ({@code V1PlanRequest} and its parts carry only Jackson names). */
    private static void describeRequests(Map<String, Schema> schemas) {
        describe(schemas.get("V1PlanRequest"), Map.ofEntries(
                Map.entry("model", "Preset (GET /v1/models): format, scheme, params, token ids, processor, tokenizer."),
                Map.entry("scheme", "Registry name (GET /v1/schemes); default: the model's."),
                Map.entry("params", "Scheme parameters; unknown names are a 422."),
                Map.entry("format", "Host format; default: the model's."),
                Map.entry("sequences", "The batch, one entry per row."),
                Map.entry("image_grid_thw", "For input_ids rows: every image of the batch, HF layout, row 0 first."),
                Map.entry("video_grid_thw", "For input_ids rows: every video of the batch, HF layout, row 0 first."),
                Map.entry("second_per_grid_ts", "For input_ids rows: seconds per temporal patch of every video."),
                Map.entry("padding_side", "left or right; default: the scheme's."),
                Map.entry("decode_steps", "Positions of this many generated tokens per row."),
                Map.entry("dtype", "int32 (default for integral schemes) or int64; float schemes: float32."),
                Map.entry("layout", "dense (default) or blocks."),
                Map.entry("return_input_ids", "Also answer the token ids the parts or messages became.")));
        schemas.get("V1PlanRequest").getProperties().put("range", ref("Range"));
        if (schemas.get("V1CompareRequest") != null) {
            schemas.get("V1CompareRequest").getProperties().put("range", ref("Range"));
        }
        describe(schemas.get("Sequence"), Map.of("parts", "Typed parts.",
                "input_ids", "The ids a backend holds; blocks located as the compat's reference does.",
                "attention_mask", "Optional, as the backend holds it.",
                "messages", "OpenAI-style chat, rendered with the model's chat template and tokenizer."));
        schemas.get("Message").getProperties().put("content", ref("ChatContent"));
        describe(schemas.get("Part"), Map.ofEntries(
                Map.entry("type", "text, image, video or table."),
                Map.entry("tokens", "Text as a token count."),
                Map.entry("text", "Text as a string (the model's tokenizer)."),
                Map.entry("grid", "Merged LLM grid [t, h, w]: one cell per placeholder token."),
                Map.entry("grid_thw", "The processor's grid (HF image_grid_thw / video_grid_thw row)."),
                Map.entry("width", "Pixels; the model's processor math decides the grid."),
                Map.entry("height", "Pixels."),
                Map.entry("frames", "Video frames."),
                Map.entry("fps", "Video frame rate."),
                Map.entry("second_per_grid_t", "Seconds per temporal patch."),
                Map.entry("timestamps", "Seconds of every temporal patch."),
                Map.entry("timestamp_tokens", "Timestamp tokens before every temporal patch (Qwen3-VL)."),
                Map.entry("camera", "A posed image for the camera encodings."),
                Map.entry("cells", "A table for 2D-TPE: token counts per cell, header row first.")));
        schemas.remove("JsonNode");
    }

    private static void describe(Schema<?> schema, Map<String, String> descriptions) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        descriptions.forEach((name, d) -> {
            Schema<?> p = schema.getProperties().get(name);
            if (p != null && p.getDescription() == null) {
                p.setDescription(d);
            }
        });
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref(REF + name);
    }

    private static Schema<?> object(String description, Object... nameThenSchema) {
        ObjectSchema o = new ObjectSchema();
        o.setDescription(description);
        for (int i = 0; i < nameThenSchema.length; i += 2) {
            o.addProperty((String) nameThenSchema[i], (Schema<?>) nameThenSchema[i + 1]);
        }
        return o;
    }

    private static Schema<?> string(String description) {
        return describeIfAny(new StringSchema(), description);
    }

    private static Schema<?> integer(String description) {
        return describeIfAny(new IntegerSchema(), description);
    }

    private static Schema<?> number(String description) {
        return describeIfAny(new NumberSchema(), description);
    }

    private static Schema<?> ints(String description) {
        return new ArraySchema().items(new IntegerSchema()).description(description);
    }

    private static Schema<?> numbers(String description) {
        return new ArraySchema().items(new NumberSchema()).description(description);
    }

    private static Schema<?> table(String description) {
        return new ArraySchema().items(new ArraySchema().items(new NumberSchema())).description(description);
    }

    private static Schema<?> nested(int depth, String description) {
        Schema<?> s = new NumberSchema();
        for (int d = 0; d < depth; d++) {
            s = new ArraySchema().items(s);
        }
        return s.description(description);
    }

    private static Schema<?> describeIfAny(Schema<?> s, String description) {
        return description.isEmpty() ? s : s.description(description);
    }
}
