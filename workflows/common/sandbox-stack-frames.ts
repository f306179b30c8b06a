/**
 * How many stack frames the workflow sandbox captures: WORKER_WORKFLOW_STACK_FRAMES, compiled into the
 * bundle by worker/worker.ts (the sandbox cannot read configuration). The worker preloads this module
 * first, before the SDK freezes the sandbox's globals, so the limit holds for every workflow of the
 * thread.
 *
 * Why lower it (issue 13): the SDK's promise hook captures a stack trace for every promise workflow
 * code creates, and maps each frame through the bundle's source map, for the stack-trace query. It
 * cannot be turned off, and it was a quarter of the workflow thread's time. With no frames the query
 * answers an empty list and an error thrown in workflow code carries its message without a stack; an
 * operator who needs either sets the variable and restarts the worker.
 *
 * A bundle built without the setting (none of Riskdesk's) keeps V8's default of 10.
 */
declare const __RISKDESK_WORKFLOW_STACK_FRAMES__: number | undefined;

if (typeof __RISKDESK_WORKFLOW_STACK_FRAMES__ === 'number') Error.stackTraceLimit = __RISKDESK_WORKFLOW_STACK_FRAMES__;

export {};
