// static-port-not-applicable (information): with a target version of 2013 or later, Outlook no
// longer connects over RPC/TCP (only HTTPS on 443), so client-facing static RPC ports are an
// Exchange 2010 matter. Only reported when a target version is set.
import type { ExchangeVersion } from '../catalog/types';
import { defineRule, type Finding } from '../service/types';
import { serviceLabel, staticPortWrites } from './support/staticPorts';

const WITHOUT_RPC_TCP: ExchangeVersion[] = ['2013', '2016', '2019', 'SE', 'EXO', 'Outlook.com'];

export default defineRule({
  id: 'static-port-not-applicable',
  defaultSeverity: 'information',
  appliesTo: ['reg', 'powershell', 'bat'],
  description: 'Static RPC port set while the target Exchange version (2013 or later) has no RPC/TCP client access.',
  *check(doc, { settings }): Iterable<Finding> {
    const version = settings.targetVersion;
    if (!version || !WITHOUT_RPC_TCP.includes(version)) return;
    for (const { write, setting } of staticPortWrites(doc)) {
      yield {
        ruleId: 'static-port-not-applicable',
        ...write.nameSpan,
        message: `Exchange ${version} has no RPC/TCP client access: Outlook connects over HTTPS (443) only, so the ${serviceLabel(setting)} static port is an Exchange 2010 setting and has no effect here.`,
      };
    }
  },
});
