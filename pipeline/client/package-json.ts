/**
 * `generated/` as the `@props-api/client` package a frontend installs (`npm install
 * ../props-api/generated` or a git dependency): the typed client and every payload type from the
 * root, and each family's type files by deep import (`@props-api/client/results/daily`). The `.js`
 * specifiers of the type exports resolve to the generated `.ts` declarations under every TypeScript
 * module resolution (`node16`/`nodenext`, `bundler`, `node10`).
 */
import { API_VERSION } from '../paths.ts';

export const CLIENT_PACKAGE_NAME = '@props-api/client';

/** `package.json` of `generated/`. Its major version follows API_VERSION (`v1` → `1.0.0`). */
export function renderClientPackageJson(families: readonly string[]): string {
  const major = /^v(\d+)$/.exec(API_VERSION)?.[1] ?? '0';
  const pkg = {
    name: CLIENT_PACKAGE_NAME,
    version: `${major}.0.0`,
    description: `A typed client and the TypeScript types of the NBA props static JSON API ${API_VERSION} (generated from its JSON Schemas and registry), with its OpenAPI document`,
    private: true,
    type: 'module',
    sideEffects: false,
    main: './index.js',
    types: './index.d.ts',
    exports: {
      '.': { types: './index.d.ts', default: './index.js' },
      './openapi.json': './openapi.json',
      './package.json': './package.json',
      ...Object.fromEntries(families.map((family) => [`./${family}/*`, { types: `./${family}/*.ts` }])),
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
