/** The three sets of a comparison, on the map and in the lists (colour-blind-safe Okabe–Ito). */
export const COMPARE_COLORS = {
  both: '#8e5ea2',
  onlyA: '#0072b2',
  onlyB: '#e69f00',
} as const;
