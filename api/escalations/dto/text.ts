/** The longest free text a case accepts: the workflows' own limit (workflows/common/input-checks.ts). */
export { MAX_TEXT } from '../../../workflows/common/input-checks';
