package dev.posplan.conformance;

import tools.jackson.databind.JsonNode;

/**
 * Checks one {@code qwen/processor_*.json} file (golden/qwen/README.md "processor_*.json") against
 * {@code dev.posplan.multimodal.processor}: {@code processor_smart_resize.json} (root key {@code smart_resize})
 * or {@code processor_frame_sampling.json} (root key {@code frame_sampling}). Every entry is compared exactly;
 * an entry or field this checker does not know is a mismatch, never skipped.
 */
public final class ProcessorGoldenChecker implements FolderChecker {

    @Override
    public void check(JsonNode golden) {
        if (golden.has("smart_resize")) {
            SmartResizeGolden.check(golden.get("smart_resize"));
        } else if (golden.has("frame_sampling")) {
            FrameSamplingGolden.check(golden.get("frame_sampling"));
        } else {
            throw new Mismatch("not a processor golden file: the root has neither smart_resize nor frame_sampling");
        }
    }
}
