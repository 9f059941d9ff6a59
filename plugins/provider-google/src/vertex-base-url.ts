/**
 * The Vertex AI REST endpoint for a location and API version: `https://aiplatform.googleapis.com/v1`
 * for the `global` location, `https://{location}-aiplatform.googleapis.com/v1` for a region.
 *
 * @param location - `global` or a region such as `us-central1`.
 * @param apiVersion - `v1` or `v1beta1`; default `v1`.
 */
export function vertexBaseUrl(location: string, apiVersion = 'v1'): string {
  const host = location === 'global' ? 'aiplatform.googleapis.com' : `${location}-aiplatform.googleapis.com`;
  return `https://${host}/${apiVersion}`;
}
