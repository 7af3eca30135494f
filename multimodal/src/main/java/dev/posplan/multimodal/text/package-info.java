/**
 * Text as the model sees it: the model's Hugging Face tokenizer ({@link dev.posplan.multimodal.text.HfTokenizer},
 * loaded from a local {@code tokenizer.json}, never downloaded), its chat template
 * ({@link dev.posplan.multimodal.text.ChatTemplate}), and chat messages with image and video parts turned into
 * {@code input_ids} the way the model's processor expands the vision placeholders
 * ({@link dev.posplan.multimodal.text.ChatEncoder}).
 */
package dev.posplan.multimodal.text;
