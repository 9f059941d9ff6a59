declare const __PACKAGE_VERSION__: string;

/**
 * This package's version: stamped by the build (tsup `define`) and by vitest from package.json;
 * `0.0.0-source` when the sources run unbuilt (through tsx), where nothing stamps it.
 */
export const PACKAGE_VERSION: string =
  typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-source';
