package dev.posplan.web;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.SchemeParams;

/**
 * One planning request in the planners' terms, validated and within the configured limits.
 *
 * @param scheme      registry name of the scheme
 * @param params      the scheme parameters as given
 * @param stream      the prompt as the host format writes it
 * @param decodeSteps generated tokens to return positions for
 */
record PlanInput(String scheme, SchemeParams params, TokenStream stream, int decodeSteps) {
}
