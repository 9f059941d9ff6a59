import packageJson from '../../package.json' with { type: 'json' };

/** This package's version, reported by its plugins. */
export const PACKAGE_VERSION: string = packageJson.version;
