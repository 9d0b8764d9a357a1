/**
 * Which live tables keep effective-dated history, and which attributes. Each
 * entry is registered so that `updateVersioned` records a version on every
 * edit; inserts and bulk writers call `recordVersion` with the same spec.
 * One entry per entity whose attributes feed a figure (docs/figures.md).
 */
export {};
