// When diagnostics are computed and pushed. Pushed (`publishDiagnostics`), not pulled, because
// Neovim 0.7 and other simple clients only listen. A document is checked at once when it opens and
// DEBOUNCE_MS after the last change; each request takes a ticket, and a result is published only if
// its ticket is still the newest and the document still has the version it was computed for. A
// change is analysed at once (an incremental re-parse, which hovers need anyway): only the rules
// and the push wait for edits to pause.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describeError } from '../service/analyze';
import { guard, type Log } from './guard';

export const DEBOUNCE_MS = 180;

export interface Checks {
  /** Run as soon as a document changes, each change: keeps its analysis current. */
  analyze(document: TextDocument): void;
  /** Run once edits pause: the diagnostics to push. */
  validate(document: TextDocument): Promise<Diagnostic[]>;
}

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly tickets = new Map<string, number>();
  private nextTicket = 0;
  private readonly analyze: (document: TextDocument) => Promise<void>;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly checks: Checks,
    private readonly log: Log,
  ) {
    // A parser bug costs the change its early analysis (logged), never the server or the push.
    this.analyze = guard(log, 'Analysing a change', undefined, (document: TextDocument) => checks.analyze(document));
  }

  /** A document opened: check now. */
  now(document: TextDocument): void {
    this.cancelTimer(document.uri);
    void this.run(document.uri, this.takeTicket(document.uri));
  }

  /** A document's text changed: analyse it now, check it once edits pause. */
  changed(document: TextDocument): void {
    this.later(document.uri);
    void this.analyze(document);
  }

  /** A setting or another file a document depends on changed: check once edits pause. */
  later(uri: string): void {
    this.cancelTimer(uri);
    const ticket = this.takeTicket(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri, ticket);
      }, DEBOUNCE_MS),
    );
  }

  /** Settings or a config file changed: every open document is checked again. */
  all(accept: (document: TextDocument) => boolean): void {
    for (const document of this.documents.all()) if (accept(document)) this.later(document.uri);
  }

  /** A document closed: stop its pending work and remove what was published for it. */
  clear(uri: string): void {
    this.cancelTimer(uri);
    this.tickets.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.tickets.clear();
  }

  private async run(uri: string, ticket: number): Promise<void> {
    const document = this.documents.get(uri);
    if (!document || this.tickets.get(uri) !== ticket) return;
    const version = document.version;
    try {
      const diagnostics = await this.checks.validate(document);
      // Settings are asked of the client asynchronously: the document may have moved on meanwhile.
      if (this.tickets.get(uri) !== ticket || this.documents.get(uri)?.version !== version) return;
      this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.log(`Checking ${uri} failed: ${describeError(error)}`);
    }
  }

  private takeTicket(uri: string): number {
    this.nextTicket += 1;
    this.tickets.set(uri, this.nextTicket);
    return this.nextTicket;
  }

  private cancelTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }
}
