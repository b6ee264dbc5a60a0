// static-port-out-of-range (warning): the RPC Client Access `TCP/IP Port` or the Address Book
// `RpcTcpPort` outside the recommended window (59531–60554 unless configured): below it lies the
// 6005–59530 dynamic RPC range Exchange 2010 sets, so another RPC service may take the port.
import { defineRule, type Finding } from '../service/types';
import { isValidPort, serviceLabel, setFreePortFix, staticPortWrites, withLazyFixes } from './support/staticPorts';

export default defineRule({
  id: 'static-port-out-of-range',
  defaultSeverity: 'warning',
  appliesTo: ['reg', 'powershell', 'bat'],
  description: 'Static RPC port (RPC Client Access or Address Book) outside the recommended range.',
  *check(doc, { settings }): Iterable<Finding> {
    const { min, max } = settings.staticPortRange;
    for (const target of staticPortWrites(doc)) {
      const port = target.number;
      if (!isValidPort(port) || (port >= min && port <= max)) continue;
      yield withLazyFixes(
        {
          ruleId: 'static-port-out-of-range',
          ...target.write.dataSpan,
          message: `${serviceLabel(target.setting)} static port ${port} is outside the recommended range ${min}–${max}.`,
        },
        () => setFreePortFix(doc, target, settings),
      );
    }
  },
});
