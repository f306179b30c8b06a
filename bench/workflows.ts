/** The bench worker's bundle entry: every production workflow, unchanged, plus the no-I/O baseline. */
export * from '../workflows';
export { baselineWorkflow } from './baseline.workflow';
