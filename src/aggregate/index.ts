// Aggregation: task scores -> occupations -> SOC major groups -> workforce. Pure functions, no I/O.

export * from './types.js';
export { aggregateOccupations, exposedAtLeast, EXPOSURE_THRESHOLDS, occupationScore } from './occupations.js';
export { aggregateGroups, aggregateWorkforce, occupationWeight, type GroupOptions } from './groups.js';
export { taskWeights, coreWeight, type TaskWeights } from './weights.js';
export { pairScores, scoredOccupations, scoredOccupationsOf, weightedMean, type ScoredOccupation, type TaskPairing } from './scored-tasks.js';
export { MAJOR_GROUPS, MAJOR_GROUP_CODES, majorGroupLabel, majorGroupName } from './major-groups.js';
