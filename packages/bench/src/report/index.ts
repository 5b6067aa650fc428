/**
 * The browser-safe entry `@weft/bench/report`: pure functions that turn validated results into the study's merged
 * tables, charts (inline SVG), HTML and markdown. Nothing here imports Node, so a web page (the docs site's results
 * explorer) renders results with the same code as `weft study` and `weft report`; and the study's typed vocabulary
 * (each workload's strategies, parameters and metrics) every reader names them by.
 *
 * @module @weft/bench/report
 */
export { formatBytes, formatNumber, formatParameters } from './format.js';
export {
  cellText,
  mergeStudy,
  outcomeText,
  spreadText,
  type MergedCell,
  type MergedRow,
  type MergedTable,
} from './merged.js';
export { renderHtml, renderStudyBody, tableHtml, targetsHtml, workloadChart, workloadSection } from './html.js';
export { COLOURS, escapeHtml } from './html-text.js';
export { niceTicks } from './svg-axis.js';
export { environmentLine, renderMarkdown, workloadTable } from './markdown.js';
export { hostLine, renderMergedMarkdown } from './merged-markdown.js';
export { checkTargets, targetText, type TargetCell, type TargetRow } from './targets.js';
export { studyOfResults } from './study-of-results.js';
export type { MultiRuntimeStudy, RuntimeOutcome, StudyRuntime, StudyManifest } from '../model/study.js';
export {
  DISPATCH_POOLS,
  STUDY_WORKLOADS,
  VOCABULARY,
  casesOfWorkload,
  hasMetric,
  hasStrategy,
  isCaseOf,
  metricOf,
  numberParameterOf,
  parameterOf,
  recordedMetric,
  vocabularyProblems,
  type CaseOf,
  type DispatchStrategy,
  type MetricOf,
  type NamedCase,
  type ParameterOf,
  type StrategyOf,
  type StudyWorkload,
  type WorkloadVocabulary,
} from '../model/vocabulary.js';
