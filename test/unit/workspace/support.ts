// Workspaces inline: files by name, each indexed, then one checked with the others in its context.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/service/analyze';
import { mergeSettings, type PartialSettings } from '../../../server/src/service/config';
import { decodeBytes } from '../../../server/src/service/decode';
import { createLanguageService, type LanguageService } from '../../../server/src/service/languageService';
import type { LanguageId } from '../../../server/src/service/types';
import { languageOfFileName, WorkspaceIndex } from '../../../server/src/service/workspace';

export const ROOT = 'file:///ws/';

export interface TestWorkspace {
  index: WorkspaceIndex;
  service: LanguageService;
  documents: Map<string, TextDocument>;
}

/** `{ 'cas01.reg': text, 'edge.iptables': text }`: languages from the names, as the server finds them. */
export function workspaceOf(files: Record<string, string>): TestWorkspace {
  const index = new WorkspaceIndex({ displayName: (uri) => uri.slice(ROOT.length) });
  const service = createLanguageService({ workspace: index });
  const documents = new Map<string, TextDocument>();
  for (const [name, text] of Object.entries(files)) {
    const document = TextDocument.create(ROOT + name, languageOfFileName(name) as LanguageId, 1, text);
    documents.set(name, document);
    index.update(document.uri, analyzeDocument(document, () => undefined));
  }
  return { index, service, documents };
}

/** The fixture folder read as the server reads it: every file the name table knows, decoded. */
export function workspaceFromFolder(folder: string): TestWorkspace {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (languageOfFileName(name)) files[relative(folder, path).replaceAll('\\', '/')] = decodeBytes(readFileSync(path)).text;
    }
  };
  walk(folder);
  return workspaceOf(files);
}

export function fileUriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** `<rule-id> <severity> <line>:<col>-<line>:<col> <message>` for the file `name`, only the rules given. */
export function crossFileFindings(workspace: TestWorkspace, name: string, partial: PartialSettings = {}, ruleIds = ['static-port-mismatch', 'static-port-not-opened']): string[] {
  const document = workspace.documents.get(name);
  if (!document) throw new Error(`no file ${name} in the workspace`);
  return workspace.service
    .diagnostics(document, mergeSettings(partial))
    .filter((diagnostic) => ruleIds.includes(String(diagnostic.code)))
    .map((diagnostic) => {
      const { start, end } = diagnostic.range;
      const severity = ['', 'error', 'warning', 'information', 'hint'][diagnostic.severity ?? 0];
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      return `${String(diagnostic.code)} ${severity} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${message}`;
    });
}
