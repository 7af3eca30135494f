package dev.posplan.web;

/** Example bodies of the {@code /v1} endpoints for the OpenAPI document (each one is planned by a test). */
final class V1Examples {

    private V1Examples() {
    }

    static final String PARTS = """
            {"model": "qwen2.5-vl", "params": {"compat": "hf-main"}, "decode_steps": 2, "sequences": [
              {"parts": [{"type": "text", "tokens": 3}, {"type": "image", "width": 448, "height": 448},
                         {"type": "text", "text": "Describe the image."}]},
              {"parts": [{"type": "text", "tokens": 5},
                         {"type": "video", "grid_thw": [4, 16, 28], "second_per_grid_t": 1.0},
                         {"type": "text", "tokens": 2}]}]}""";

    static final String INPUT_IDS = """
            {"model": "qwen2-vl", "params": {"compat": "vllm"}, "image_grid_thw": [[1, 4, 4]],
             "sequences": [{"input_ids": [1000, 151652, 151655, 151655, 151655, 151655, 151653, 1001],
                            "attention_mask": [1, 1, 1, 1, 1, 1, 1, 1]}]}""";

    static final String MESSAGES = """
            {"model": "qwen3-vl", "return_input_ids": true, "sequences": [{"messages": [
              {"role": "user", "content": [{"type": "image", "width": 640, "height": 480},
                                           {"type": "text", "text": "What is this?"}]}]}]}""";

    static final String TABLE = """
            {"scheme": "tpe2d", "sequences": [{"parts": [{"type": "text", "tokens": 4},
              {"type": "table", "cells": [[1, 2], [1, 1]]}, {"type": "text", "tokens": 3}]}]}""";

    static final String CAMERA = """
            {"scheme": "plucker", "sequences": [{"parts": [{"type": "image", "camera": {
              "image_width": 64, "image_height": 32, "patch_size": 16, "intrinsics": [60, 60, 32, 16],
              "pose": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]}}]}]}""";

    static final String AUDIO = """
            {"model": "qwen2.5-omni", "decode_steps": 1, "sequences": [{"parts": [{"type": "text", "tokens": 3},
              {"type": "audio", "mel_frames": 300},
              {"type": "video", "grid_thw": [4, 8, 8], "second_per_grid_t": 1.0, "audio": {"mel_frames": 400}},
              {"type": "text", "tokens": 2}]}]}""";

    static final String ANSWER = """
            {"model": "qwen2-vl", "scheme": "mrope", "format": "qwen2-vl", "params": {"compat": "vllm"},
             "dtype": "int32", "axes": ["t", "h", "w"], "batch": 1, "length": 8,
             "position_ids": [[[0, 1, 2, 2, 2, 2, 4, 5]], [[0, 1, 2, 2, 3, 3, 4, 5]], [[0, 1, 2, 3, 2, 3, 4, 5]]],
             "rope_deltas": [-2],
             "sequences": [{"length": 8, "padding": 0, "max_position": 5,
                            "spans": [{"type": "image", "start": 2, "length": 4, "grid": [1, 2, 2]}],
                            "warnings": []}],
             "tensors": {},
             "frequencies": {"rule": "chunked", "head_dim": 128, "rotary_dim": 128, "rope_theta": 1000000.0,
                             "partial_rotary_factor": 1.0, "inv_freq": [1.0, 0.80584222], "pair_axis": [0, 0]}}""";

    static final String PROBLEM = """
            {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
             "detail": "/sequences/0/parts/1/grid sides must be integers in 1..1048576, got [1, 0, 3]",
             "instance": "/v1/plans", "field": "/sequences/0/parts/1/grid"}""";
}
