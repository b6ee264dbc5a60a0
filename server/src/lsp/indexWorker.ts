// The index worker (bundled as dist/indexWorker.js): reads, decodes and analyses the files of a
// workspace walk on its own thread and sends back only their facts, so the server's thread is
// left to answer requests and the walk gets a core of its own where there is one.
import { parentPort } from 'node:worker_threads';
import type { FileFacts } from '../service/workspace';
import { factsOfText, readTextNow, type IndexedFile } from './indexedFiles';

export interface IndexWorkerRequest {
  files: IndexedFile[];
}

export type IndexWorkerMessage =
  /** Facts of files in the order they were sent; undefined for a file that cannot be read. */
  | { kind: 'facts'; results: { uri: string; facts: FileFacts | undefined }[] }
  | { kind: 'log'; message: string };

/** Facts go back in batches of about this many milliseconds of work: fewer messages, steady progress. */
const BATCH_MS = 20;

const port = parentPort;
if (port) {
  const post = (message: IndexWorkerMessage) => port.postMessage(message);
  const log = (message: string) => post({ kind: 'log', message });
  port.on('message', ({ files }: IndexWorkerRequest) => {
    let results: { uri: string; facts: FileFacts | undefined }[] = [];
    let batchStart = performance.now();
    for (const file of files) {
      const text = readTextNow(file.filePath);
      results.push({ uri: file.uri, facts: text === undefined ? undefined : factsOfText(file, text, log) });
      if (performance.now() - batchStart < BATCH_MS) continue;
      post({ kind: 'facts', results });
      results = [];
      batchStart = performance.now();
    }
    if (results.length > 0) post({ kind: 'facts', results });
  });
}
