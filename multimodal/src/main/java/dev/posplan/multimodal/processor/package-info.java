/**
 * The Qwen-VL processor arithmetic that decides grid sizes and frame timing (qwen-mrope.md §7, §2.3):
 * {@link dev.posplan.multimodal.processor.SmartResize}, frame sampling
 * ({@link dev.posplan.multimodal.processor.QwenVlUtils}, {@link dev.posplan.multimodal.processor.Qwen2VlVideoSampler},
 * {@link dev.posplan.multimodal.processor.Qwen3VlVideoSampler}), {@link dev.posplan.multimodal.processor.VideoTiming},
 * {@link dev.posplan.multimodal.processor.Qwen3Timestamps} and {@link dev.posplan.multimodal.processor.VideoPixelBudget}.
 * Every function reproduces the reference's float evaluation order bit for bit; Python's {@code round} and
 * numpy/torch rounding are half-to-even ({@link java.lang.Math#rint}).
 */
package dev.posplan.multimodal.processor;
