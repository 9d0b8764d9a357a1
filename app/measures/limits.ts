/** The most rows one CSV import of measure values may hold. */
export const MAX_VALUE_ROWS = 20_000;
