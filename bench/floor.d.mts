/** Reads, decodes and splits `file` into lines, testing each once; returns how many matched. */
export function floor(file: string): number;
