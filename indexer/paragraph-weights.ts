// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: fitted weights, not constants
/**
 * The weights of PARAGRAPH_FEATURES (chunk.ts), written by indexer/tune-chunks.ts: a logistic regression
 * fitted on the tuning half of the factRuEval-2016 dev set flattened (L2 0.003, threshold -0.9
 * folded into "always", both by 5-fold cross-validation inside that half: boundary F1 0.577).
 * Do not edit by hand: run the script.
 */
export const PARAGRAPH_WEIGHTS: Readonly<Record<string, number>> = {
  always: 0.035,
  'sentence length (log)': 0.3,
  'previous length (log)': 0.175,
  'sentence under 60': -0.471,
  'previous under 60': 0.546,
  'opener word': -0.272,
  'refers back': -0.254,
  'next refers back': 0.184,
  'previous refers back': 0.214,
  'a pronoun early': -1.316,
  'a demonstrative early': -0.709,
  '"also" early': -0.454,
  'opens a quote': 0.164,
  'holds a quote': -0.045,
  'after a closed quote': 0.361,
  'after a quote and its speaker': 0.792,
  'opens with a dash or bullet': 0.149,
  'starts with a name': 0.477,
  'starts with a proper name': 0.24,
  'introduces a new name': 0.237,
  'names what the previous named': 0.427,
  'starts with a number': 0.645,
  'starts with a time': 0.7,
  'reports speech': 0.762,
  'opens with a name-like phrase': 0.434,
  'second sentence of the text': 0.211,
  'position in the text': 0.131,
  'overlap with the previous': -0.558,
  'overlap with the one before': -0.226,
  'overlap across the gap': -0.205,
};
