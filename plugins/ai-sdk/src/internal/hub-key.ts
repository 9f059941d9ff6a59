/**
 * The key of this provider's entries in `providerOptions` (read) and `providerMetadata`
 * (written). Fixed whatever `HubProviderSettings.name` says, so that metadata written on one turn
 * (reasoning signatures, tool-call signatures) is found again on the next.
 */
export const HUB_KEY = 'hub';
