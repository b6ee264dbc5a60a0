// Every entry point from the connection goes through `guard`: a bug in one feature must cost the
// user that one answer (logged), never the server. A ResponseError is an answer (a cancelled
// request), not a bug: it reaches the client as it is.
import { ResponseError } from 'vscode-languageserver';
import { describeError } from '../service/analyze';

export type Log = (message: string) => void;

export function guard<P extends unknown[], R>(log: Log, name: string, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}
