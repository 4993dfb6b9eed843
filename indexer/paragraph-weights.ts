// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: fitted weights, not constants
/**
 * The weights of PARAGRAPH_FEATURES (chunk.ts), written by indexer/tune-chunks.ts: a logistic regression
 * fitted on the tuning half of the factRuEval-2016 dev set flattened (L2 0.03, threshold -0.7
 * folded into "always", both by 5-fold cross-validation inside that half: boundary F1 0.597).
 * Do not edit by hand: run the script.
 */
export const PARAGRAPH_WEIGHTS: Readonly<Record<string, number>> = {
  always: -0.21,
  'sentence length (log)': 0.317,
  'previous length (log)': 0.053,
  'sentence under 60': -0.232,
  'previous under 60': 0.208,
  'opener word': -0.046,
  'refers back': -0.169,
  'next refers back': 0.082,
  'previous refers back': 0.137,
  'a pronoun early': -0.498,
  'a demonstrative early': -0.31,
  '"also" early': -0.15,
  'opens a quote': 0.018,
  'holds a quote': 0.049,
  'after a closed quote': 0.178,
  'after a quote and its speaker': 0.183,
  'opens with a dash or bullet': 0.022,
  'starts with a name': 0.152,
  'starts with a proper name': 0.039,
  'introduces a new name': 0.169,
  'opens with a noun': 0.461,
  'names what the previous named': 0.336,
  'starts with a number': 0.146,
  'starts with a time': 0.173,
  'reports speech': 0.365,
  'opens with a name-like phrase': 0.126,
  'second sentence of the text': 0.097,
  'position in the text': 0.014,
  'overlap with the previous': -0.064,
  'overlap with the one before': -0.039,
  'overlap across the gap': -0.048,
};
