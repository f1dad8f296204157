/**
 * Stage: project (time limits).
 * Input: a synchronous function and a wall-clock limit.
 * Output: the function's result, or `DeadlineExceededError` once the limit passed.
 * Invariant: the function is stopped where it is, on this thread. node:vm's `timeout` arms a watchdog thread that
 * terminates JavaScript execution when the limit passes, also inside functions called from the script, and Node
 * turns the termination into an error at the `runInContext` call. TypeScript's parser and binder are synchronous
 * and have no cancellation; this is the only way to stop them without parsing in another thread (which would mean
 * parsing every file twice, since a syntax tree cannot be handed from a worker to this thread). What the stopped
 * function left half-done must be thrown away by the caller.
 */
import * as vm from 'node:vm';

export class DeadlineExceededError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`stopped after ${timeoutMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

// One context and one compiled script for every call: creating a context costs about a millisecond.
const context = vm.createContext({ job: undefined as (() => unknown) | undefined, result: undefined as unknown });
const script = new vm.Script('result = job();', { filename: 'piilint-run-with-deadline.js' });

export function runWithDeadline<T>(run: () => T, timeoutMs: number): T {
  const previousJob = context.job;
  context.job = run;
  try {
    script.runInContext(context, { timeout: Math.max(1, Math.ceil(timeoutMs)) });
    return context.result as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new DeadlineExceededError(timeoutMs);
    throw error;
  } finally {
    context.job = previousJob;
    context.result = undefined;
  }
}
