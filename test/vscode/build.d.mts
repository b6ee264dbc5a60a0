// Types for build.mjs, which stays JavaScript so runTest.mjs can run under plain node.
export declare const suiteDir: string;
export declare const suiteIndex: string;
export declare function buildSuite(): Promise<void>;
