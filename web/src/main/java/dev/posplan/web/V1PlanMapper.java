package dev.posplan.web;

import dev.posplan.api.encode.TensorDType;
import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.BlockDetection;
import dev.posplan.multimodal.FamilyPreset;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.HostFormats;
import dev.posplan.multimodal.InternVlPreset;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.ModelPreset;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.QwenInputIds;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisionModel;
import dev.posplan.multimodal.processor.PartSizer;
import dev.posplan.multimodal.processor.ProcessorPreset;
import dev.posplan.multimodal.processor.SizedVisual;
import dev.posplan.multimodal.table.Table;
import dev.posplan.multimodal.table.TableGrid;
import dev.posplan.multimodal.table.TableSeparators;
import dev.posplan.multimodal.text.ChatEncoder;
import dev.posplan.multimodal.text.ChatMessage;
import dev.posplan.multimodal.text.ChatTemplate;
import dev.posplan.multimodal.text.ChatTokens;
import dev.posplan.multimodal.text.HfTokenizer;
import dev.posplan.multimodal.text.ModelTokenizers;
import dev.posplan.multimodal.text.QwenTimestampTokens;
import dev.posplan.planners.DType;
import dev.posplan.planners.PaddingSide;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.compat.QwenCompat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns a {@link V1PlanRequest} into a {@link PlanJob}: resolves model, scheme, parameters and host format, and
 * turns every row into a token stream — parts through the host format (sizes through the model's processor
 * math, text strings through its tokenizer), {@code input_ids} through {@link QwenInputIds} with the block
 * detection of the scheme's {@code compat}, {@code messages} through the model's chat template and tokenizer.
 * Token counts are summed in {@code long} and checked against the limits before any row is built. Errors name
 * the field as a JSON Pointer.
 */
@Component
class V1PlanMapper {

    private final PlanLimits limits;
    private final ModelTokenizers tokenizers;
    private final Map<String, ChatEncoder> encoders = new ConcurrentHashMap<>();

    V1PlanMapper(PlanLimits limits, ModelTokenizers tokenizers) {
        this.limits = limits;
        this.tokenizers = tokenizers;
    }

    /**
     * @param maxTokens the most token slots (rows × padded length) the chosen answer format may carry
     */
    PlanJob toJob(V1PlanRequest r, long maxTokens, String maxTokensLimit) {
        int[] range = range(r.range());
        boolean blocks = "blocks".equals(r.layout());
        if (r.layout() != null && !blocks && !r.layout().equals("dense")) {
            throw InvalidInputException.at("/layout", "must be dense or blocks, got '" + clip(r.layout()) + "'");
        }
        if (blocks && range != null) {
            throw InvalidInputException.at("/layout", "blocks describe whole rows; ask for range with dense");
        }
        name(r.model(), "/model");
        name(r.scheme(), "/scheme");
        name(r.format(), "/format");
        VisionModel model = r.model() == null ? null : model(r.model());
        ModelPreset preset = model instanceof ModelPreset q ? q : null;
        String schemeName = r.scheme() != null ? r.scheme() : model != null ? model.scheme() : null;
        if (schemeName == null) {
            throw InvalidInputException.at("/scheme", "is required when no model is given");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (model != null && schemeName.equals(model.scheme())) {
            params.putAll(model.schemeParams());
        }
        if (r.params() != null) {
            params.putAll(r.params());
        }
        Scheme scheme;
        try {
            scheme = SchemeRegistry.create(schemeName, new SchemeParams(params));
        } catch (InvalidInputException e) {
            throw WrongTypeException.moved(e, e.field() == null ? null : Pointers.of(e.field()));
        }
        if (blocks && !scheme.onDemand().blocks()) {
            throw InvalidInputException.at("/layout", "blocks: scheme " + scheme.name() + " has no block form ("
                    + scheme.onDemand().note() + ")");
        }
        QwenCompat compat = compat(scheme);
        HostFormat format = format(r.format(), model, compat, schemeName);
        ModelPreset idsPreset = preset != null ? preset : idsPreset(schemeName, format);
        FamilyPreset family = model instanceof FamilyPreset f ? f : model == null
                ? FamilyPreset.forScheme(schemeName, format) : null;

        List<V1PlanRequest.Sequence> sequences = r.sequences();
        if (sequences == null || sequences.isEmpty()) {
            throw InvalidInputException.at("/sequences", "must hold at least one sequence");
        }
        if (sequences.size() > limits.maxParts()) {
            throw new LimitExceededException("max-parts", "/sequences", limits.maxParts(), "the batch has "
                    + sequences.size() + " sequences, more than the limit of " + limits.maxParts());
        }
        int steps = r.decodeSteps() == null ? 0 : r.decodeSteps();
        if (steps < 0) {
            throw InvalidInputException.at("/decode_steps", "must be >= 0, got " + steps);
        }
        if (steps > limits.maxDecodeSteps()) {
            throw new LimitExceededException("max-decode-steps", "/decode_steps", limits.maxDecodeSteps(),
                    "decode_steps " + steps + " is more than the limit of " + limits.maxDecodeSteps());
        }
        long rowCap = Math.min(blocks ? limits.maxTokens() : maxTokens, limits.maxTokens());
        if (blocks) {
            maxTokensLimit = "max-tokens";
        }
        if (range != null) {
            // the answer carries rows × range.length slots; the whole rows are planned within max-tokens
            if ((long) sequences.size() * range[1] > rowCap) {
                throw new LimitExceededException(maxTokensLimit, "/range/length", rowCap, "rows × range.length ("
                        + sequences.size() + " × " + range[1] + ") is more than the " + rowCap + " token slots this "
                        + "answer format carries");
            }
            rowCap = limits.maxTokens();
            maxTokensLimit = "max-tokens";
        }
        Budget budget = new Budget(rowCap, maxTokensLimit);
        if ((long) sequences.size() * steps > rowCap) {
            throw new LimitExceededException(maxTokensLimit, "/decode_steps", rowCap, "rows × decode_steps ("
                    + sequences.size() + " × " + steps + ") is more than the " + rowCap + " positions this answer "
                    + "format carries");
        }

        // first pass: validate and count every row without building it
        for (int i = 0; i < sequences.size(); i++) {
            budget.row(countRow(sequences.get(i), "/sequences/" + i, model, format), "/sequences/" + i);
        }
        long idsRows = sequences.stream().filter(s -> s != null && s.inputIds() != null).count();
        if (idsRows == 0 && (r.imageGridThw() != null || r.videoGridThw() != null || r.secondPerGridTs() != null)) {
            throw InvalidInputException.at(r.imageGridThw() != null ? "/image_grid_thw" : r.videoGridThw() != null
                    ? "/video_grid_thw" : "/second_per_grid_ts", "is only read for sequences given as input_ids");
        }
        FamilyIdsReader.requireIdsRows(r, idsRows);

        List<TokenStream> rows = new ArrayList<>(sequences.size());
        List<int[]> ids = new ArrayList<>(sequences.size());
        List<Integer> idsIndex = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            V1PlanRequest.Sequence s = sequences.get(i);
            String at = "/sequences/" + i;
            if (s.parts() != null) {
                rows.add(partsRow(s.parts(), at, model, format, r.model()));
                ids.add(null);
            } else if (s.messages() != null) {
                ChatTokens chat = chat(s.messages(), at, preset, compat, r.model(), rowCap);
                TokenStream row = idsRows(new int[][] {chat.inputIds()}, null, chat.imageGridThw(),
                        chat.videoGridThw(), secondPerGrid(chat.secondPerGridTs()), idsPreset, compat, at).get(0);
                rows.add(row);
                ids.add(chat.inputIds());
            } else {
                rows.add(null);
                ids.add(toInts(s.inputIds(), at + "/input_ids"));
                idsIndex.add(i);
            }
        }
        if (!idsIndex.isEmpty()) {
            buildIdsRows(r, sequences, idsIndex, rows, ids, idsPreset, compat, family, format);
        }
        for (int i = 0; i < rows.size(); i++) {
            budget.exact(rows.get(i).length(), "/sequences/" + i);
            if (rows.get(i).length() == 0) { // as for "parts": []: a row is at least one token
                throw InvalidInputException.at("/sequences/" + i + "/parts", "must add up to at least one token");
            }
        }
        if (range != null) {
            int length = rows.stream().mapToInt(TokenStream::length).max().orElse(0);
            if ((long) range[0] + range[1] > length) {
                throw InvalidInputException.at("/range", "[" + range[0] + ", " + ((long) range[0] + range[1])
                        + ") is not inside the padded rows' " + length + " token slots");
            }
        }
        return new PlanJob(model, scheme, format.apiName(), rows, ids, side(r.paddingSide(), scheme), steps,
                dtype(r.dtype(), schemeName), Boolean.TRUE.equals(r.returnInputIds()), range, blocks);
    }

    private void buildIdsRows(V1PlanRequest r, List<V1PlanRequest.Sequence> sequences, List<Integer> index,
            List<TokenStream> rows, List<int[]> ids, ModelPreset preset, QwenCompat compat, FamilyPreset family,
            HostFormat format) {
        int[][] inputIds = new int[index.size()][];
        int[][] mask = null;
        for (int k = 0; k < index.size(); k++) {
            int i = index.get(k);
            inputIds[k] = ids.get(i);
            if (inputIds[k].length != inputIds[0].length) {
                throw InvalidInputException.at("/sequences/" + i + "/input_ids", "has " + inputIds[k].length
                        + " ids; every input_ids row of a batch has the same length (" + inputIds[0].length + ")");
            }
            List<Integer> m = sequences.get(i).attentionMask();
            if (m != null) {
                if (mask == null) {
                    mask = new int[index.size()][];
                }
                mask[k] = toInts(m, "/sequences/" + i + "/attention_mask");
            }
        }
        if (mask != null) {
            for (int k = 0; k < mask.length; k++) {
                if (mask[k] == null) {
                    mask[k] = new int[inputIds[k].length];
                    Arrays.fill(mask[k], 1);
                }
            }
        }
        String at = index.size() == 1 ? "/sequences/" + index.get(0) : "/sequences";
        List<TokenStream> built = family != null ? FamilyIdsReader.rows(family, format, r, inputIds, mask,
                grids(r.imageGridThw(), "/image_grid_thw"), grids(r.videoGridThw(), "/video_grid_thw"), at)
                : idsRows(inputIds, mask, grids(r.imageGridThw(), "/image_grid_thw"),
                grids(r.videoGridThw(), "/video_grid_thw"), doubles(r.secondPerGridTs()), preset, compat, at);
        for (int k = 0; k < index.size(); k++) {
            rows.set(index.get(k), built.get(k));
        }
    }

    private static List<TokenStream> idsRows(int[][] inputIds, int[][] mask, int[][] images, int[][] videos,
            double[] spgt, ModelPreset preset, QwenCompat compat, String at) {
        try {
            return QwenInputIds.builder(preset).inputIds(inputIds).attentionMask(mask).imageGridThw(images)
                    .videoGridThw(videos).secondPerGridTs(spgt)
                    .detection(compat == null ? BlockDetection.TOKEN_SCAN : compat.detection()).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at, e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // counting (no allocation proportional to the request's claims)

    private long countRow(V1PlanRequest.Sequence s, String at, VisionModel model, HostFormat format) {
        if (s == null) {
            throw InvalidInputException.at(at, "is required");
        }
        int given = (s.parts() != null ? 1 : 0) + (s.inputIds() != null ? 1 : 0) + (s.messages() != null ? 1 : 0);
        if (given != 1) {
            throw InvalidInputException.at(at, "must give exactly one of parts, input_ids or messages");
        }
        if (s.attentionMask() != null && s.inputIds() == null) {
            throw InvalidInputException.at(at + "/attention_mask", "only goes with input_ids");
        }
        if ((s.inputIds() != null || s.messages() != null) && model != null && !(model instanceof ModelPreset)
                && !(s.inputIds() != null && model instanceof FamilyPreset)) {
            throw InvalidInputException.at(at + (s.inputIds() != null ? "/input_ids" : "/messages"), "model "
                    + model.apiName() + " takes " + (model instanceof FamilyPreset ? "parts or input_ids: messages "
                    + "are rendered with Qwen-VL chat templates and tokenizers" : "parts only: input_ids and messages "
                    + "are read with Qwen-VL token ids, chat templates and tokenizers"));
        }
        if (s.inputIds() != null) {
            if (s.inputIds().isEmpty()) {
                throw InvalidInputException.at(at + "/input_ids", "must hold at least one id");
            }
            if (s.attentionMask() != null && s.attentionMask().size() != s.inputIds().size()) {
                throw InvalidInputException.at(at + "/attention_mask", "must have one entry per input id ("
                        + s.inputIds().size() + "), got " + s.attentionMask().size());
            }
            return s.inputIds().size();
        }
        if (s.messages() != null) {
            if (s.messages().isEmpty()) {
                throw InvalidInputException.at(at + "/messages", "must hold at least one message");
            }
            return 0; // the chat encoder checks its own length against the limit before allocating
        }
        List<V1PlanRequest.Part> parts = s.parts();
        if (parts.isEmpty()) {
            throw InvalidInputException.at(at + "/parts", "must hold at least one part");
        }
        if (parts.size() > limits.maxParts()) {
            throw new LimitExceededException("max-parts", at + "/parts", limits.maxParts(), "the sequence has "
                    + parts.size() + " parts, more than the limit of " + limits.maxParts());
        }
        long tokens = 0;
        long blocks = 0;
        for (int p = 0; p < parts.size(); p++) {
            String pat = at + "/parts/" + p;
            V1PlanRequest.Part part = parts.get(p);
            if (part == null) {
                throw InvalidInputException.at(pat, "is required");
            }
            String type = required(part.type(), pat + "/type");
            switch (type) {
                case "text" -> tokens += part.text() != null ? 0 : nonNegative(
                        required(part.tokens(), pat + "/tokens"), pat + "/tokens");
                case "image", "video" -> {
                    Grid g = visualGrid(part, pat, model, type.equals("video"), format);
                    tokens += (long) g.t() * g.h() * g.w();
                    blocks += type.equals("video") ? g.t() : 1;
                    if (type.equals("video")) {
                        tokens += AudioPartReader.trackTokens(part, pat, model, format);
                    }
                }
                case "audio" -> tokens += AudioPartReader.tokens(part, pat, model, format);
                case "table" -> {
                    tokens += tableTokens(part.cells(), pat + "/cells");
                    blocks++;
                }
                default -> throw InvalidInputException.at(pat + "/type", "'" + clip(type)
                        + "' is unknown; one of text, image, video, table, audio");
            }
            if (blocks > limits.maxBlocks()) {
                throw new LimitExceededException("max-blocks", pat, limits.maxBlocks(), "the sequence exceeds the limit of "
                        + limits.maxBlocks() + " visual blocks");
            }
            if (tokens > limits.maxTokens()) {
                break; // the budget reports it with the row
            }
        }
        return tokens;
    }

    /** The merged grid of an image or video part, from exactly one of grid, grid_thw or its size. */
    private Grid visualGrid(V1PlanRequest.Part part, String at, VisionModel model, boolean video, HostFormat f) {
        int given = (part.grid() != null ? 1 : 0) + (part.gridThw() != null ? 1 : 0)
                + (part.width() != null || part.height() != null || part.frames() != null ? 1 : 0);
        if (part.camera() != null && !video) {
            return null == part.grid() ? WireParts.camera(part.camera(), at + "/camera").tokenGrid()
                    : grid(part.grid(), at + "/grid");
        }
        if (given != 1) {
            throw InvalidInputException.at(at, "must give exactly one of grid, grid_thw or "
                    + (video ? "frames+fps+width+height" : "width+height"));
        }
        if (part.grid() != null) {
            Grid g = grid(part.grid(), at + "/grid");
            if (!video && g.t() != 1 && !f.imageTilesOnT() && !f.multiSliceImages()) {
                throw InvalidInputException.at(at + "/grid", "must have t = 1 for an image in format " + f.apiName()
                        + " (several frames are a video), got " + part.grid());
            }
            return g;
        }
        if (model instanceof InternVlPreset internVl) {
            return internVlGrid(part, at, internVl, video);
        }
        if (model instanceof FamilyPreset family) {
            return FamilyPartReader.grid(part, at, family, video);
        }
        ProcessorPreset processor = processor(model, at);
        if (part.gridThw() != null) {
            Grid thw = grid(part.gridThw(), at + "/grid_thw");
            try {
                return PartSizer.merge(new int[] {thw.t(), thw.h(), thw.w()}, processor.mergeSize());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(at + "/grid_thw", e.getMessage());
            }
        }
        return sized(part, at, processor, video).grid();
    }

    /** InternVL2 cuts an image into tiles by its size; it has no merged grid_thw and no video sampling. */
    private static Grid internVlGrid(V1PlanRequest.Part part, String at, InternVlPreset model, boolean video) {
        if (part.gridThw() != null) {
            throw InvalidInputException.at(at + "/grid_thw", "is a Qwen-VL processor grid; model " + model.apiName()
                    + " takes grid [tiles, " + model.tokensPerSide() + ", " + model.tokensPerSide() + "] or the "
                    + "image's width and height");
        }
        if (video) {
            throw InvalidInputException.at(at, "model " + model.apiName() + " samples no video: give the grid "
                    + "[frames, " + model.tokensPerSide() + ", " + model.tokensPerSide() + "] of the chosen frames");
        }
        int width = WireParts.positive(part.width(), at + "/width");
        int height = WireParts.positive(part.height(), at + "/height");
        return model.image(width, height);
    }

    private static SizedVisual sized(V1PlanRequest.Part part, String at, ProcessorPreset processor, boolean video) {
        try {
            if (!video) {
                return PartSizer.image(processor, WireParts.positive(part.width(), at + "/width"),
                        WireParts.positive(part.height(), at + "/height"));
            }
            VideoSize v = VideoSize.of(part, at);
            return PartSizer.video(processor, v.frames(), v.fps(), v.width(), v.height());
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at, at + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // building

    private TokenStream partsRow(List<V1PlanRequest.Part> parts, String at, VisionModel preset, HostFormat format,
            String model) {
        List<PromptPart> prompt = new ArrayList<>(parts.size());
        for (int p = 0; p < parts.size(); p++) {
            String pat = at + "/parts/" + p;
            V1PlanRequest.Part part = parts.get(p);
            try {
                prompt.add(promptPart(part, pat, preset, format, model));
            } catch (InvalidInputException e) {
                if (e.field() != null && e.field().startsWith("/")) {
                    throw e;
                }
                throw new InvalidInputException(Pointers.under(pat, e.field()), pat + ": " + e.getMessage());
            }
        }
        try {
            return format.expand(prompt, 0);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(Pointers.under(at, e.field()), e.getMessage());
        }
    }

    private PromptPart promptPart(V1PlanRequest.Part part, String at, VisionModel preset, HostFormat format,
            String model) {
        switch (part.type()) {
            case "text" -> {
                if (part.text() != null) {
                    return new PromptPart.Text(tokenizer(model, at + "/text").encode(part.text()).length);
                }
                return new PromptPart.Text(part.tokens());
            }
            case "image" -> {
                if (part.camera() != null) {
                    return PromptPart.Image.posed(WireParts.camera(part.camera(), at + "/camera"));
                }
                return new PromptPart.Image(visualGrid(part, at, preset, false, format));
            }
            case "audio" -> {
                return AudioPartReader.part(part, at, preset, format);
            }
            case "table" -> {
                return new PromptPart.Table(TableGrid.serialise(Table.ofCounts(WireParts.cells(part.cells())), null,
                        TableSeparators.MINICPM));
            }
            default -> {
                return video(part, at, preset, format);
            }
        }
    }

    private PromptPart video(V1PlanRequest.Part part, String at, VisionModel preset, HostFormat format) {
        Double spgt = part.secondPerGridT();
        int[] timestampTokens = null;
        Grid grid;
        if (part.frames() != null || part.width() != null || part.height() != null) {
            SizedVisual s = preset instanceof FamilyPreset family ? FamilyPartReader.video(part, at, family)
                    : sized(part, at, processor(preset, at), true);
            FamilyPartReader.requireTimestampTokens(part, at, format, s);
            grid = s.grid();
            if (spgt == null && !Double.isNaN(s.secondPerGridT())) {
                spgt = s.secondPerGridT();
            }
            if (s.timestamps().length > 0 && format == QwenFormats.QWEN3_VL
                    || s.timestamps().length > 0 && format == QwenFormats.QWEN3_VL_OUTER_WRAP) {
                timestampTokens = QwenTimestampTokens.counts(s.timestamps());
            } else if (s.timestamps().length > 0) {
                try {
                    timestampTokens = FamilyPartReader.timestampTokens(format, s.timestamps());
                } catch (IllegalArgumentException e) {
                    // the frames' seconds are index / fps: only a vanishing fps puts them out of range
                    throw new InvalidInputException(at + "/fps", at + "/fps: " + e.getMessage());
                }
            }
        } else {
            grid = visualGrid(part, at, preset, true, format);
        }
        if (part.timestamps() != null) {
            if (part.timestamps().size() != grid.t() || part.timestamps().contains(null)) {
                throw InvalidInputException.at(at + "/timestamps", "must hold one number of seconds per temporal "
                        + "patch (t = " + grid.t() + ")");
            }
            try {
                int[] family = FamilyPartReader.timestampTokens(format, part.timestamps());
                timestampTokens = family != null ? family : QwenTimestampTokens.counts(part.timestamps().stream()
                        .mapToDouble(Double::doubleValue).toArray());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(at + "/timestamps", at + "/timestamps: " + e.getMessage());
            }
        }
        if (part.timestampTokens() != null) {
            if (part.timestampTokens().size() != grid.t() || part.timestampTokens().contains(null)) {
                throw InvalidInputException.at(at + "/timestamp_tokens", "must hold one count per temporal patch (t = "
                        + grid.t() + ")");
            }
            timestampTokens = part.timestampTokens().stream().mapToInt(Integer::intValue).toArray();
        }
        return AudioPartReader.withTrack(PromptPart.Video.of(grid, spgt, timestampTokens == null
                ? new int[grid.t()] : timestampTokens), part, at, preset, format);
    }

    private ChatTokens chat(List<V1PlanRequest.Message> messages, String at, ModelPreset preset, QwenCompat compat,
            String model, long maxTokens) {
        if (preset == null) {
            throw InvalidInputException.at("/model", "is required for messages (its chat template and tokenizer)");
        }
        List<ChatMessage> chat = new ArrayList<>(messages.size());
        for (int m = 0; m < messages.size(); m++) {
            chat.add(message(messages.get(m), at + "/messages/" + m));
        }
        ChatEncoder encoder = encoder(preset, compat, at + "/messages");
        try {
            return encoder.encode(chat, true, (int) Math.min(maxTokens, Integer.MAX_VALUE));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(at + "/messages", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at + "/messages", at + "/messages: " + e.getMessage());
        }
    }

    private static ChatMessage message(V1PlanRequest.Message m, String at) {
        if (m == null) {
            throw InvalidInputException.at(at, "is required");
        }
        String role = required(m.role(), at + "/role");
        if (!ChatMessage.ROLES.contains(role)) {
            throw InvalidInputException.at(at + "/role", "must be one of " + ChatMessage.ROLES);
        }
        JsonNode content = m.content();
        if (content == null || content.isNull()) {
            throw InvalidInputException.at(at + "/content", "is required");
        }
        if (content.isString()) {
            return ChatMessage.text(role, content.asString());
        }
        if (!content.isArray()) {
            throw InvalidInputException.at(at + "/content", "must be a string or a list of parts");
        }
        List<ChatMessage.Content> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode c = content.get(i);
            String pat = at + "/content/" + i;
            String type = c.path("type").isString() ? c.path("type").asString() : null;
            if (type == null) {
                throw InvalidInputException.at(pat + "/type", "is required: text, image or video");
            }
            switch (type) {
                case "text" -> parts.add(new ChatMessage.Text(string(c, "text", pat)));
                case "image" -> parts.add(new ChatMessage.Image(integer(c, "width", pat), integer(c, "height", pat)));
                case "video" -> parts.add(new ChatMessage.Video(integer(c, "frames", pat), number(c, "fps", pat),
                        integer(c, "width", pat), integer(c, "height", pat)));
                default -> throw InvalidInputException.at(pat + "/type", "'" + clip(type)
                        + "' is unknown; one of text, image, video");
            }
        }
        try {
            return new ChatMessage(role, parts);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at, at + ": " + e.getMessage());
        }
    }

    private ChatEncoder encoder(ModelPreset preset, QwenCompat compat, String at) {
        QwenFormats format = compat != null ? compat.hostFormat(preset) : preset.hostFormat();
        String key = preset.apiName() + "|" + format.apiName();
        ChatEncoder cached = encoders.get(key);
        if (cached != null) {
            return cached;
        }
        HfTokenizer tokenizer = tokenizer(preset.apiName(), at);
        String template = tokenizers.chatTemplate(preset.apiName()).orElseThrow(() -> InvalidInputException.at(at,
                "cannot be rendered: model " + preset.apiName() + " has no chat template"));
        ChatEncoder encoder = new ChatEncoder(tokenizer, new ChatTemplate(template),
                ProcessorPreset.forModel(preset.apiName()), format, preset.tokenIds());
        encoders.putIfAbsent(key, encoder);
        return encoder;
    }

    private HfTokenizer tokenizer(String model, String at) {
        if (model == null) {
            throw InvalidInputException.at(at, "needs a model whose tokenizer reads it (set model, or give tokens)");
        }
        try {
            return tokenizers.require(model, at);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at, e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // resolution

    private static VisionModel model(String model) {
        try {
            return VisionModel.byName(model);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("/model", "model: " + e.getMessage());
        }
    }

    private static ProcessorPreset processor(VisionModel preset, String at) {
        if (preset == null) {
            throw InvalidInputException.at(at, "needs a model for its processor math (grid_thw and sizes); "
                    + "without one give the merged grid");
        }
        return ProcessorPreset.forModel(preset.apiName());
    }

    /** The Qwen {@code compat} the scheme resolved, or null for a scheme without one or with another family's. */
    private static QwenCompat compat(Scheme scheme) {
        Object c = scheme.parameters().get("compat");
        if (c == null || c instanceof QwenCompat) {
            return (QwenCompat) c;
        }
        // another family's compat choice (e.g. ernie45-vl's "transformers") is no Qwen compat
        String name = c instanceof ApiNamed n ? n.apiName() : String.valueOf(c);
        return ApiNamed.names(QwenCompat.class).contains(name) ? QwenCompat.byName(name) : null;
    }

    private static HostFormat format(String name, VisionModel model, QwenCompat compat, String scheme) {
        if (name != null) {
            try {
                return HostFormats.byName(name);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("/format", e.getMessage());
            }
        }
        if (model != null && model.scheme().equals(scheme)) {
            return compat != null && model instanceof ModelPreset q ? compat.hostFormat(q) : model.hostFormat();
        }
        return HostFormats.byName(SchemeRegistry.declaration(scheme).referenceFormat());
    }

    /** The preset whose token ids and merge size read input_ids when the request names no model. */
    private static ModelPreset idsPreset(String scheme, HostFormat format) {
        for (ModelPreset p : ModelPreset.all()) {
            if (p.scheme().equals(scheme) && p.hostFormat().apiName().equals(format.apiName())) {
                return p;
            }
        }
        return format == QwenFormats.QWEN3_VL || format == QwenFormats.QWEN3_VL_OUTER_WRAP ? ModelPreset.QWEN3_VL
                : ModelPreset.QWEN2_VL;
    }

    private static PaddingSide side(String side, Scheme scheme) {
        if (side == null) {
            return scheme.paddingSide();
        }
        return switch (side) {
            case "left" -> PaddingSide.LEFT;
            case "right" -> PaddingSide.RIGHT;
            default -> throw InvalidInputException.at("/padding_side", "must be left or right, got '" + clip(side)
                    + "'");
        };
    }

    private static TensorDType dtype(String dtype, String scheme) {
        boolean floats = SchemeRegistry.declaration(scheme).dtype() == DType.FLOAT32;
        if (dtype == null) {
            return floats ? TensorDType.FLOAT32 : TensorDType.INT32;
        }
        TensorDType t = switch (dtype) {
            case "int32" -> TensorDType.INT32;
            case "int64" -> TensorDType.INT64;
            case "float32" -> TensorDType.FLOAT32;
            default -> throw InvalidInputException.at("/dtype", "must be int32, int64 or float32, got '"
                    + clip(dtype) + "'");
        };
        if (floats != (t == TensorDType.FLOAT32)) {
            throw InvalidInputException.at("/dtype", floats ? "must be float32: scheme " + scheme
                    + " has fractional positions" : "must be int32 or int64: scheme " + scheme
                    + " has integral positions");
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------------
    // small readers

    /** Running and exact token budgets of the batch: rows × the longest row within the answer's cap. */
    private static final class Budget {
        private final long cap;
        private final String limit;
        private long longest;
        private int rows;

        Budget(long cap, String limit) {
            this.cap = cap;
            this.limit = limit;
        }

        void row(long tokens, String at) {
            rows++;
            longest = Math.max(longest, tokens);
            check(at);
        }

        void exact(long tokens, String at) {
            longest = Math.max(longest, tokens);
            check(at);
        }

        private void check(String at) {
            if (longest * rows > cap) {
                throw new LimitExceededException(limit, at, cap, "the batch would have more than " + cap + " token slots "
                        + "(rows × the longest row), the limit of this answer format"
                        + (limit.equals("max-json-tokens") ? "; ask for safetensors, npz or npy" : ""));
            }
        }
    }

    private static int[][] grids(List<List<Integer>> rows, String at) {
        if (rows == null) {
            return null;
        }
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            Grid g = grid(rows.get(i), at + "/" + i);
            out[i] = new int[] {g.t(), g.h(), g.w()};
        }
        return out;
    }

    private static Grid grid(List<Integer> sides, String at) {
        int[] g = WireParts.grid(sides, at);
        return new Grid(g[0], g[1], g[2]);
    }

    private static double[] doubles(List<Double> values) {
        if (values == null) {
            return null;
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = values.get(i);
            if (v == null) {
                throw InvalidInputException.at("/second_per_grid_ts/" + i, "must be a number");
            }
            out[i] = v;
        }
        return out;
    }

    /** Chat videos of pipelines without {@code second_per_grid_t} (NaN) leave it to the default. */
    private static double[] secondPerGrid(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return null;
            }
        }
        return values.length == 0 ? null : values;
    }

    private static int[] toInts(List<Integer> values, String at) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            Integer v = values.get(i);
            if (v == null) {
                throw InvalidInputException.at(at + "/" + i, "must be an integer");
            }
            out[i] = v;
        }
        return out;
    }

    private static long tableTokens(List<List<Integer>> cells, String at) {
        return WireParts.tableTokens(required(cells, at), at);
    }

    private static <T> T required(T value, String at) {
        if (value == null) {
            throw InvalidInputException.at(at, "is required");
        }
        return value;
    }

    private static int nonNegative(Integer v, String at) {
        if (v < 0) {
            throw InvalidInputException.at(at, "must be >= 0, got " + v);
        }
        return v;
    }

    private static String string(JsonNode node, String name, String at) {
        JsonNode v = node.get(name);
        if (v == null || !v.isString()) {
            throw InvalidInputException.at(at + "/" + name, "must be a string");
        }
        return v.asString();
    }

    private static int integer(JsonNode node, String name, String at) {
        JsonNode v = node.get(name);
        if (v == null || !v.isInt() || v.asInt() < 1) {
            throw InvalidInputException.at(at + "/" + name, "must be an integer >= 1");
        }
        return v.asInt();
    }

    private static double number(JsonNode node, String name, String at) {
        JsonNode v = node.get(name);
        if (v == null || !v.isNumber() || !(v.asDouble() > 0)) {
            throw InvalidInputException.at(at + "/" + name, "must be a number > 0");
        }
        return v.asDouble();
    }

    /** {@code {"start": s, "length": n}} as {@code [s, n]}, or null when absent. */
    private static int[] range(JsonNode range) {
        if (range == null || range.isNull()) {
            return null;
        }
        if (!range.isObject()) {
            throw InvalidInputException.at("/range", "must be an object {\"start\": s, \"length\": n}");
        }
        for (String name : range.propertyNames()) {
            if (!name.equals("start") && !name.equals("length")) {
                throw InvalidInputException.at("/range/" + clip(name), "is not a field of range (start, length)");
            }
        }
        JsonNode start = range.get("start");
        JsonNode length = range.get("length");
        if (start == null || !start.isInt() || start.asInt() < 0) {
            throw InvalidInputException.at("/range/start", "must be an integer >= 0");
        }
        if (length == null || !length.isInt() || length.asInt() < 1) {
            throw InvalidInputException.at("/range/length", "must be an integer >= 1");
        }
        return new int[] {start.asInt(), length.asInt()};
    }

    /** A name the request gives (model, scheme, format): the catalogues' names are short. */
    private static void name(String value, String at) {
        if (value != null && value.length() > 100) {
            throw InvalidInputException.at(at, "is not a known name (" + value.length() + " characters)");
        }
    }

    /** Client text in a message, cut to 200 characters. */
    static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
