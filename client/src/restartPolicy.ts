// When the client restarts a server that stopped unasked: a few times within a window, quietly
// (the output channel says so), then never again in this window, with one message to the user.
// Pure, with the clock injected, so the policy is tested without VS Code.

/** A crashing server is restarted at most this often within the window, then left stopped. */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** Errors on the connection tolerated before it is shut down (then `closed` decides). */
export const MAX_CONNECTION_ERRORS = 3;

export interface CloseDecision {
  restart: boolean;
  /** For the output channel on a restart; shown to the user once, when giving up. */
  message: string;
}

export class RestartPolicy {
  private restarts: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  closed(): CloseDecision {
    const now = this.now();
    this.restarts = this.restarts.filter((time) => now - time < RESTART_WINDOW_MS);
    if (this.restarts.length < MAX_RESTARTS) {
      this.restarts.push(now);
      return { restart: true, message: `The Exchange Ports server stopped; restarting it (${this.restarts.length} of ${MAX_RESTARTS} within 3 minutes).` };
    }
    return {
      restart: false,
      message: `The Exchange Ports server stopped ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted. Its output ("Exchange Ports" channel) shows why; reload the window to try again.`,
    };
  }

  /** `count`: how many errors the connection has had in a row (the language client counts them). */
  keepConnection(count: number | undefined): boolean {
    return count !== undefined && count <= MAX_CONNECTION_ERRORS;
  }
}
