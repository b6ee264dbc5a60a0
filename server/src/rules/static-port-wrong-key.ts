// static-port-wrong-key (error): a static-port value under a key Exchange does not read — the
// subkeys get swapped (`MSExchangeRPC\Parameters`, `MSExchangeAB\ParametersSystem`) or the two
// value names get mixed up (`RpcTcpPort` under MSExchangeRPC). Fix: move the value to the right key.
// Only keys under the two services count, so the printer policy's own `RpcTcpPort` is left alone.
import { normalizeKeyPath, staticPortSettings } from '../catalog';
import { defineRule, type Finding } from '../service/types';
import { catalogSetting, catalogWrites, displayKey, serviceLabel } from './support/staticPorts';

/** The keys of the services the static port settings belong to: catalog data, normalised once. */
let serviceKeys: string[] | undefined;

export default defineRule({
  id: 'static-port-wrong-key',
  defaultSeverity: 'error',
  appliesTo: ['reg', 'powershell', 'bat'],
  description: 'A static RPC port value under the wrong registry key.',
  *check(doc): Iterable<Finding> {
    const settings = staticPortSettings();
    serviceKeys ??= settings.map((setting) => normalizeKeyPath(setting.keyPath).replace(/\\[^\\]*$/, ''));
    for (const write of catalogWrites(doc)) {
      // A write the catalog knows where it stands is in the right place: most of them, asked first.
      if (write.deleted || catalogSetting(write)) continue;
      const intended = settings.find((setting) => setting.valueName.toLowerCase() === write.valueName.toLowerCase());
      if (!intended) continue;
      const key = normalizeKeyPath(write.keyPath);
      if (!serviceKeys.some((serviceKey) => key === serviceKey || key.startsWith(serviceKey + '\\'))) continue;
      const editor = doc.model.registryEditor;
      yield {
        ruleId: 'static-port-wrong-key',
        ...write.nameSpan,
        message: `Exchange does not read \`${write.valueName}\` here: the ${serviceLabel(intended)} port belongs under \`${displayKey(intended)}\`.`,
        fixes: editor ? [{ title: `Move \`${write.valueName}\` to ${displayKey(intended)}`, edits: editor.moveToKey(write, intended.keyPath), preferred: true }] : [],
      };
    }
  },
});
