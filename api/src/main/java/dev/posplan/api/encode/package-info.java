/**
 * Tensor files written straight from primitive arrays, with no object per number: safetensors, {@code .npy},
 * uncompressed {@code .npz}, and nested JSON arrays through a streaming generator. Free of Spring so that a
 * command-line tool can write the same files as the service.
 */
package dev.posplan.api.encode;
