// @ts-check
/**
 * The frequency allocation as the allocation view draws it: every rotary pair of the head with its
 * inv_freq and the axis it reads (pair_axis), or every KV head with its axis (kv_head_axis); pairs past
 * the rotary dimension (partial rotary) do not rotate. With channel_axis (HunyuanVL's element-wise sections) the
 * two channels of a pair may read different axes: pairAxis holds the first channel's, secondAxis the second's.
 */

/** Axis code of a pair that rotates with no position (NoPE, pair_axis -1). */
export const NO_POSITION = -1;
/** Axis code of a pair past rotary_dim (partial rotary): not rotated at all. */
export const NOT_ROTATED = -2;

/**
 * @typedef {{mode: 'pairs'|'heads'|'none', pairs: number, rotary: number, invFreq: Float32Array,
 *            pairAxis: Int32Array, secondAxis: Int32Array, headAxis: Int32Array, logMin: number,
 *            logMax: number}} Allocation
 * pairAxis[k] is an axis index, NO_POSITION or NOT_ROTATED. In 'heads' mode a pair reads its head's
 * axis, so pairAxis only tells rotated (0) from NOT_ROTATED; headAxis[h] is head h's axis.
 */

/** @param {import('./plan-data.js').PlanData} plan @returns {Allocation} */
export function allocationModel(plan) {
  const f = plan.frequencies;
  const inv = f.inv_freq ?? new Float32Array(0);
  const rotary = inv.length;
  const headDim = f.head_dim ?? plan.params.head_dim ?? 2 * rotary;
  const pairs = Math.max(rotary, Math.floor(headDim / 2));
  const pairAxis = new Int32Array(pairs).fill(NOT_ROTATED);
  const heads = f.kv_head_axis;
  for (let k = 0; k < rotary; k++) pairAxis[k] = f.pair_axis ? f.pair_axis[k] : heads ? 0 : NO_POSITION;
  const secondAxis = Int32Array.from(pairAxis);
  const channels = f.channel_axis;
  if (channels) {
    for (let k = 0; k < rotary; k++) {
      const [first, second] = pairChannels(k, rotary, f.pairing);
      pairAxis[k] = channels[first];
      secondAxis[k] = channels[second];
    }
  }
  let logMin = Infinity;
  let logMax = -Infinity;
  for (const v of inv) {
    if (v > 0) {
      logMin = Math.min(logMin, Math.log10(v));
      logMax = Math.max(logMax, Math.log10(v));
    }
  }
  return {
    mode: rotary === 0 ? 'none' : heads ? 'heads' : 'pairs',
    pairs, rotary, invFreq: inv, pairAxis, secondAxis, headAxis: heads ?? new Int32Array(0),
    logMin: Math.floor(logMin), logMax: Math.ceil(logMax) === Math.floor(logMin) ? Math.floor(logMin) + 1 : Math.ceil(logMax),
  };
}

/**
 * The two channels pair k rotates: (k, k + rotary) for neox (rotate_half), (2k, 2k + 1) for gptj.
 * @param {number} k @param {number} rotary pairs rotated @param {string|undefined} pairing
 * @returns {[number, number]}
 */
export function pairChannels(k, rotary, pairing) {
  return pairing === 'gptj' ? [2 * k, 2 * k + 1] : [k, k + rotary];
}

/** @param {string[]} axes @param {number} code */
export function axisName(axes, code) {
  return code === NOT_ROTATED ? 'not rotated' : code === NO_POSITION ? 'no position (NoPE)' : axes[code] ?? `axis ${code}`;
}
