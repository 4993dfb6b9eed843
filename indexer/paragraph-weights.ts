/**
 * The weights of PARAGRAPH_FEATURES (chunk.ts), written by indexer/tune-chunks.ts: a logistic regression
 * fitted on the tuning half of the factRuEval-2016 dev set flattened (L2 0.003, threshold -0.9
 * folded into "always", both by 5-fold cross-validation inside that half: boundary F1 0.562).
 * Do not edit by hand: run the script.
 */
export const PARAGRAPH_WEIGHTS: Readonly<Record<string, number>> = {
  always: 0.021,
  'sentence length (log)': 0.299,
  'previous length (log)': 0.155,
  'sentence under 60': -0.471,
  'previous under 60': 0.512,
  'opener word': -0.266,
  'refers back': -0.218,
  'next refers back': 0.172,
  'previous refers back': 0.193,
  'a pronoun early': -1.322,
  'a demonstrative early': -0.713,
  '"also" early': -0.444,
  'opens a quote': 0.138,
  'holds a quote': -0.01,
  'after a closed quote': 0.308,
  'after a quote and its speaker': 0.786,
  'opens with a dash or bullet': 0.156,
  'starts with a name': 0.505,
  'starts with a proper name': 0.222,
  'introduces a new name': 0.241,
  'names what the previous named': 0.451,
  'starts with a number': 0.634,
  'starts with a time': 0.699,
  'reports speech': 0.739,
  'opens with a name-like phrase': 0.731,
  'second sentence of the text': 0.2,
  'position in the text': 0.161,
  'overlap with the previous': -0.537,
  'overlap with the one before': -0.132,
  'overlap across the gap': -0.177,
};
