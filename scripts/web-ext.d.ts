// The part of web-ext's programmatic API scripts/lint-firefox.ts uses (web-ext ships no types):
// https://extensionworkshop.com/documentation/develop/web-ext-command-reference/ (`lint` options).
declare module 'web-ext' {
  const webExt: {
    cmd: {
      lint(
        options: { sourceDir: string; output?: 'json' | 'text' | 'none'; warningsAsErrors?: boolean },
        extra: { shouldExitProgram: boolean },
      ): Promise<unknown>;
    };
  };
  export default webExt;
}
