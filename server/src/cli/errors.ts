/**
 * A mistake the user can fix (bad argument, unreadable or invalid config): printed as one line
 * `exchange-ports: <message>`, never with a stack trace, and the run exits with 2.
 */
export class CliError extends Error {}
