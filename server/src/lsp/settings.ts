// Settings per document: the editor's `exchangePorts` section (asked per resource with
// `workspace/configuration` when the client can answer, else what it pushed or passed at
// initialization) under the nearest `.exchange-ports.json`.
// The merged object is kept while neither layer changes: the service caches findings per
// settings object, and that cache is what logs a failing rule once per document version.
import type { Connection } from 'vscode-languageserver';
import { dirname, relative } from 'node:path';
import { mergeSettings, roleForPath, settingsFromEditor, type PartialSettings } from '../service/config';
import type { Settings } from '../service/types';
import { SETTINGS_SECTION } from '../protocol';
import type { ConfigEntry, ConfigFiles } from './configFiles';
import type { Log } from './guard';
import { uriToPath } from './paths';

interface Merged {
  editor: PartialSettings;
  config: ConfigEntry | undefined;
  settings: Settings;
}

export class DocumentSettings {
  private readonly editorCache = new Map<string, Promise<PartialSettings>>();
  private readonly merged = new Map<string, Merged>();
  private pushed: PartialSettings;

  constructor(
    private readonly connection: Connection,
    private readonly configFiles: ConfigFiles,
    private readonly canAskClient: boolean,
    initialSettings: unknown,
    private readonly log: Log,
  ) {
    this.pushed = settingsFromEditor(initialSettings);
  }

  async forDocument(uri: string): Promise<Settings> {
    const editor = await this.editorSettings(uri);
    const config = this.configFiles.forDocument(uri);
    const previous = this.merged.get(uri);
    if (previous && previous.editor === editor && previous.config === config) return previous.settings;
    const merged = mergeSettings(editor, config?.parsed.settings ?? {});
    const settings = { ...merged, role: this.roleOf(uri, merged, config) };
    this.merged.set(uri, { editor, config, settings });
    return settings;
  }

  /** The `roles` globs are relative to the folder of the `.exchange-ports.json` that declares them. */
  private roleOf(uri: string, settings: Settings, config: ConfigEntry | undefined): Settings['role'] {
    const path = uriToPath(uri);
    if (!config || !path || settings.roles.length === 0) return undefined;
    return roleForPath(settings, relative(dirname(config.path), path));
  }

  /**
   * `workspace/didChangeConfiguration`: VS Code sends no settings (the server asks again);
   * clients without `workspace/configuration` send the whole settings object.
   */
  editorChanged(pushedSettings: unknown): void {
    this.editorCache.clear();
    if (!this.canAskClient && pushedSettings && typeof pushedSettings === 'object') {
      const section = (pushedSettings as Record<string, unknown>)[SETTINGS_SECTION];
      if (section !== undefined) this.pushed = settingsFromEditor(section);
    }
  }

  forget(uri: string): void {
    this.editorCache.delete(uri);
    this.merged.delete(uri);
  }

  private editorSettings(uri: string): Promise<PartialSettings> {
    if (!this.canAskClient) return Promise.resolve(this.pushed);
    let pending = this.editorCache.get(uri);
    if (!pending) {
      pending = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw: unknown) => settingsFromEditor(raw),
        (error: unknown) => {
          this.log(`Reading the ${SETTINGS_SECTION} settings for ${uri} failed: ${String(error)}`);
          this.editorCache.delete(uri);
          return this.pushed;
        },
      );
      this.editorCache.set(uri, pending);
    }
    return pending;
  }
}
