// The port map as a read-only virtual Markdown document (`exchange-ports:/port-map.md`): the
// Markdown preview renders it like a file, and nothing asks to save it when the window closes.
import * as vscode from 'vscode';

export const PORT_MAP_URI = vscode.Uri.parse('exchange-ports:/port-map.md');

export class PortMapDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private markdown = '';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(): string {
    return this.markdown;
  }

  /** New content; an open preview re-renders. */
  update(markdown: string): void {
    this.markdown = markdown;
    this.changed.fire(PORT_MAP_URI);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
