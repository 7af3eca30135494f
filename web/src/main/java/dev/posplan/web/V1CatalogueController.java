package dev.posplan.web;

import dev.posplan.api.SchemeInfo;
import dev.posplan.multimodal.FamilyPreset;
import dev.posplan.multimodal.InternVlPreset;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.ModelPreset;
import dev.posplan.multimodal.VisionModel;
import dev.posplan.multimodal.processor.FamilyVideoProcessor;
import dev.posplan.multimodal.processor.ProcessorPreset;
import dev.posplan.multimodal.text.ModelTokenizers;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /v1} catalogue and the endpoints built on plans: model presets, scheme declarations, frequency
 * allocations and the comparison of candidate schemes on one request.
 */
@RestController
class V1CatalogueController {

    private final ModelTokenizers tokenizers;
    private final V1PlanMapper mapper;
    private final PlanLimits limits;

    V1CatalogueController(ModelTokenizers tokenizers, V1PlanMapper mapper, PlanLimits limits) {
        this.tokenizers = tokenizers;
        this.mapper = mapper;
        this.limits = limits;
    }

    @Operation(summary = "Model presets: scheme, parameters, token ids, processor settings, context length")
    @GetMapping(path = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> models() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (VisionModel model : VisionModel.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", model.apiName());
            m.put("format", model.hostFormat().apiName());
            m.put("scheme", model.scheme());
            m.put("params", model.schemeParams());
            if (model instanceof ModelPreset p) {
                m.put("reference_checkpoint", p.referenceCheckpoint());
                qwen(p, m);
            } else if (model instanceof InternVlPreset p) {
                m.put("reference_checkpoint", p.referenceCheckpoint());
                internVl(p, m);
            } else if (model instanceof FamilyPreset p) {
                m.put("reference_checkpoint", p.referenceCheckpoint());
                family(p, m);
            }
            m.put("max_position_embeddings", model.maxPositionEmbeddings());
            m.put("tokenizer_loaded", tokenizers.find(model.apiName()).isPresent());
            out.add(m);
        }
        return out;
    }

    private static void qwen(ModelPreset p, Map<String, Object> m) {
        m.put("token_ids", Map.of("vision_start", p.tokenIds().visionStart(), "vision_end",
                p.tokenIds().visionEnd(), "image_pad", p.tokenIds().imagePad(), "video_pad",
                p.tokenIds().videoPad()));
        ProcessorPreset proc = ProcessorPreset.forModel(p.apiName());
        Map<String, Object> processor = new LinkedHashMap<>();
        processor.put("patch_size", proc.patchSize());
        processor.put("merge_size", proc.mergeSize());
        processor.put("temporal_patch_size", proc.temporalPatchSize());
        processor.put("min_pixels", proc.image().minPixels());
        processor.put("max_pixels", proc.image().maxPixels());
        processor.put("fps", proc.fps());
        processor.put("video_pipeline", proc.video().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("processor", processor);
    }

    private static void internVl(InternVlPreset p, Map<String, Object> m) {
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("img_start", p.imgStart());
        ids.put("img_end", p.imgEnd());
        ids.put("img_context", p.imgContext());
        ids.put("im_start", p.imStart());
        ids.put("im_end", p.imEnd());
        m.put("token_ids", ids);
        Map<String, Object> processor = new LinkedHashMap<>();
        processor.put("tile_size", p.tileSize());
        processor.put("patch_size", p.patchSize());
        processor.put("tokens_per_tile", p.tokensPerTile());
        processor.put("min_tiles", p.minTiles());
        processor.put("max_tiles", p.maxTiles());
        processor.put("thumbnail", p.thumbnail());
        m.put("processor", processor);
        // commonly quoted InternVL2-2B config value, not re-read from a stored config (docs/models.md)
        m.put("max_position_embeddings_note", "commonly quoted config.json value, not re-verified");
    }

    private static void family(FamilyPreset p, Map<String, Object> m) {
        m.put("token_ids", p.tokenIds());
        Map<String, Object> processor = new LinkedHashMap<>(p.images().describe());
        if (p.audio() != null) {
            processor.put("audio_positions_per_second", p.audio().positionsPerSecond());
            processor.put("audio_length", "tokens of F mel frames (100 per second) by the thinker's "
                    + "_get_feat_extract_output_lengths");
        }
        FamilyVideoProcessor videos = FamilyVideoProcessor.of(p.images());
        if (videos != null) {
            processor.put("video", videos.describe());
        }
        m.put("processor", processor);
        m.put("notes", p.notes());
    }

    @Operation(summary = "Every encoding posplan plans, with its typed parameter declarations and outputs")
    @GetMapping(path = "/v1/schemes", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SchemeInfo> schemes() {
        return SchemeRegistry.all().stream().map(SchemeCatalogue::info).toList();
    }

    @Operation(summary = "One encoding's declaration")
    @GetMapping(path = "/v1/schemes/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    SchemeInfo scheme(@PathVariable("name") String name) {
        if (!SchemeRegistry.contains(name)) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                    "no scheme '" + V1PlanMapper.clip(name) + "'; GET /v1/schemes lists them");
        }
        return SchemeCatalogue.info(SchemeRegistry.declaration(name));
    }

    /** {@code {"model": ...}} or {@code {"scheme": ..., "params": {...}}}. */
    record FrequenciesRequest(String model, String scheme, Map<String, Object> params) {
    }

    @Operation(summary = "The frequency allocation of a model or a scheme with parameters")
    @PostMapping(path = "/v1/frequencies", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> frequencies(@RequestBody FrequenciesRequest r) {
        VisionModel preset = null;
        if (r.model() != null) {
            try {
                preset = VisionModel.byName(r.model());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("/model", e.getMessage());
            }
        }
        String scheme = r.scheme() != null ? r.scheme() : preset != null ? preset.scheme() : null;
        if (scheme == null) {
            throw InvalidInputException.at("/scheme", "is required when no model is given");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (preset != null && scheme.equals(preset.scheme())) {
            params.putAll(preset.schemeParams());
        }
        if (r.params() != null) {
            params.putAll(r.params());
        }
        return V1PlanAnswer.frequencies(SchemeRegistry.create(scheme, new SchemeParams(params)).frequencies());
    }

    @Operation(summary = "Plan one request with several candidate schemes and say where they differ")
    @PostMapping(path = "/v1/compare", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> compare(@RequestBody V1CompareRequest r) {
        List<V1CompareRequest.Candidate> candidates = r.candidates();
        if (candidates == null || candidates.size() < 2) {
            throw InvalidInputException.at("/candidates", "must hold at least two candidates");
        }
        if (candidates.size() > 16) {
            throw new LimitExceededException("max-candidates", "/candidates", 16, "at most 16 candidates");
        }
        List<BatchPlan> plans = new ArrayList<>();
        List<Map<String, Object>> described = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            V1CompareRequest.Candidate candidate = candidates.get(c);
            if (candidate == null) {
                throw InvalidInputException.at("/candidates/" + c, "is required");
            }
            PlanJob job;
            try {
                job = mapper.toJob(r.planRequest(candidate), limits.maxJsonTokens(), "max-json-tokens");
            } catch (InvalidInputException e) {
                String f = e.field();
                String field = f != null && (f.startsWith("/params") || f.startsWith("/scheme")) ? "/candidates/" + c + f
                        : f;
                throw WrongTypeException.moved(e, field);
            }
            BatchPlan plan = V1PlanAnswer.plan(job).batch();
            plans.add(plan);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scheme", job.scheme().name());
            m.put("params", job.scheme().parameters());
            m.put("rope_deltas", PlanDifference.numbers(plan.ropeDeltas(), plan));
            double[] max = new double[plan.batchSize()];
            for (int b = 0; b < max.length; b++) {
                max[b] = plan.row(b).maxPosition();
            }
            m.put("max_positions", PlanDifference.numbers(max, plan));
            described.add(m);
        }
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (int a = 0; a < plans.size(); a++) {
            for (int b = a + 1; b < plans.size(); b++) {
                pairs.add(PlanDifference.of(a, b, plans.get(a), plans.get(b)));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("candidates", described);
        out.put("pairs", pairs);
        return out;
    }
}
